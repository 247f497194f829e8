/** The emulator's base URLs: the web host (like `https://ghe.example.com`) and the REST API root under it. */
export interface RestUrls {
  /** e.g. `http://127.0.0.1:4321` */
  readonly web: string;
  /** e.g. `http://127.0.0.1:4321/api/v3` */
  readonly api: string;
}

export function restUrls(origin: string): RestUrls {
  return { web: origin, api: `${origin}/api/v3` };
}
