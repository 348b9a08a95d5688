import type { ObjectKey } from "./object.ts";

export type Severity = "error" | "warning" | "info";

/** Where an object came from: the file in `baselines/`, `overlays/` or `clusters/`, and its line. */
export interface SourceRef {
  file: string;
  line?: number;
}

/** A problem found in data. Findings are returned, never thrown. */
export interface Finding {
  control: string;
  severity: Severity;
  status: "fail" | "excepted";
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
  message: string;
  source?: SourceRef;
}

export type { ObjectKey };
