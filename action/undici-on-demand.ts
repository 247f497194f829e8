/**
 * What `@actions/github` and `@actions/http-client` take from undici
 * (`fetch` and `ProxyAgent`), with undici itself loaded only when a request
 * goes through a proxy. The bundle build points their `undici` imports here
 * (scripts/build-action.mjs); docs/performance.md#action-start-up says why:
 * loading undici's source costs more than twice `node -e 0`, and a run
 * without a proxy does not need it.
 *
 * Without a proxy, `@actions/github` calls undici's `fetch` with no
 * dispatcher, which is what Node's own `fetch` (the same undici, built into
 * Node) does: that is used. With `HTTPS_PROXY` (and `NO_PROXY`) set,
 * `@actions/http-client` makes a `ProxyAgent` here; the first request then
 * loads undici (a chunk of its own) and goes through undici's real
 * `ProxyAgent` with the same options.
 */
const importUndici = () => import("undici");
type Undici = Awaited<ReturnType<typeof importUndici>>;
type RealProxyAgent = InstanceType<Undici["ProxyAgent"]>;
type ProxyAgentOptions = ConstructorParameters<Undici["ProxyAgent"]>[0];

let undici: Promise<Undici> | null = null;

/** undici, loaded once, the first time a proxy needs it. */
function loadUndici(): Promise<Undici> {
  undici ??= importUndici();
  return undici;
}

/** Stands for undici's `ProxyAgent` until a request needs it: then the real one is made, once. */
export class ProxyAgent {
  readonly options: ProxyAgentOptions;
  #real: Promise<RealProxyAgent> | null = null;

  constructor(options: ProxyAgentOptions) {
    this.options = options;
  }

  /** The real undici ProxyAgent, made with the options this one was given. */
  real(): Promise<RealProxyAgent> {
    this.#real ??= loadUndici().then((u) => new u.ProxyAgent(this.options));
    return this.#real;
  }
}

type FetchInit = Omit<RequestInit, "dispatcher"> & { readonly dispatcher?: unknown };

/** undici's `fetch` as `@actions/github` calls it: Node's own without a dispatcher, undici's through a proxy. */
export async function fetch(input: string | URL | Request, init?: FetchInit): Promise<Response> {
  const dispatcher = init?.dispatcher;
  if (dispatcher === undefined || dispatcher === null) {
    if (init === undefined) return globalThis.fetch(input);
    const { dispatcher: _none, ...rest } = init;
    return globalThis.fetch(input, rest);
  }
  const u = await loadUndici();
  const real = dispatcher instanceof ProxyAgent ? await dispatcher.real() : dispatcher;
  // undici's own Response is what its fetch returns; Octokit reads it like Node's.
  return (await u.fetch(input as Parameters<Undici["fetch"]>[0], { ...(init as Parameters<Undici["fetch"]>[1]), dispatcher: real as RealProxyAgent })) as unknown as Response;
}
