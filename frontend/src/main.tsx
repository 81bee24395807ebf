import "./lib/strict-csp";
// The global styles, in cascade order, before any component brings its own.
import "./styles/base.css";
import "./styles/layout.css";
import "./styles/page.css";
import "./styles/card.css";
import "./styles/badge.css";
import "./styles/facts.css";
import "./styles/button.css";
import "./styles/alert.css";
import "./styles/form.css";
import "./styles/flow.css";
import "./styles/shared.css";
import "./styles/certificates.css";
import "./styles/office.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/app";

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
