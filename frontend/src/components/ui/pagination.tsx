import { Link } from "react-router";

/** The `?page=` of a list, 1 where it is missing or not a page number. */
export function pageFromSearch(params: URLSearchParams): number {
  const page = Number(params.get("page"));
  return Number.isInteger(page) && page >= 1 ? page : 1;
}

interface PaginationProps {
  page: number;
  perPage: number;
  total: number;
  /** The link to a page, e.g. `?page=2`. */
  hrefFor: (page: number) => string;
}

/** 前へ / 次へ links, shown only when there is more than one page. */
export function Pagination({ page, perPage, total, hrefFor }: PaginationProps) {
  const pages = Math.max(1, Math.ceil(total / perPage));
  if (pages <= 1) return null;
  return (
    <nav className="pagination" aria-label="ページ送り">
      {page > 1 ? (
        <Link className="button button-secondary" to={hrefFor(page - 1)} rel="prev">
          ‹ 前へ
        </Link>
      ) : (
        <span />
      )}
      <span className="pagination-status" aria-current="page">
        {page} / {pages} ページ（全{total}件）
      </span>
      {page < pages ? (
        <Link className="button button-secondary" to={hrefFor(page + 1)} rel="next">
          次へ ›
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
