import { useQuery } from "@tanstack/react-query";
import { api } from "./client";
import { unwrap } from "./problem";

export async function getSiteReference() {
  return unwrap(await api.GET("/api/v1/reference/site"));
}

/** What the server says about the site (the sender address of its mail). */
export function useSiteReference() {
  return useQuery({ queryKey: ["reference", "site"], queryFn: getSiteReference, staleTime: Infinity });
}
