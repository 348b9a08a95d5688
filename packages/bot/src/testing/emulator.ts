import { createHash } from "node:crypto";
import { type FlatEntry, type FlatTree, type GitMode, gitBlobSha } from "../git-objects.ts";
import { type OperationValidator, operation, type SpecName, validateComponent } from "./openapi.ts";

type Json = Record<string, unknown>;

interface Blob {
  type: "blob";
  content: Buffer;
}
interface TreeObject {
  type: "tree";
  entries: { name: string; mode: GitMode; sha: string }[];
}
interface Signature {
  name: string;
  email: string;
  date: string;
}
interface CommitObject {
  type: "commit";
  tree: string;
  parents: string[];
  message: string;
  author: Signature;
  committer: Signature;
  verified: boolean;
  /** The object as git serialises it (its SHA is sha1 of `commit <size>\0` + this). */
  raw: Buffer;
}
type GitObject = Blob | TreeObject | CommitObject;

interface PullState {
  id: number;
  number: number;
  title: string;
  body: string | null;
  state: "open" | "closed";
  draft: boolean;
  head: string;
  headSha: string;
  base: string;
  user: string;
  labels: string[];
  created: string;
  updated: string;
  closed: string | null;
  merged: boolean;
}

interface CommentState {
  id: number;
  body: string;
  user: string;
  created: string;
}

/** One repository's state: git objects, refs, pulls, labels, comments. */
export interface EmulatedRepo {
  owner: string;
  name: string;
  id: number;
  objects: Map<string, GitObject>;
  refs: Map<string, string>;
  pulls: PullState[];
  comments: Map<number, CommentState[]>;
  labels: Map<string, number>;
  /** Branch names (regex) whose ref writes fail with a ruleset violation. */
  rules: RegExp[];
}

/** A recorded request, for call counting. */
export interface CallRecord {
  method: string;
  route: string;
  status: number;
  write: boolean;
}

/** A canned response for the next matching requests (rate limits, outages). */
export interface Fault {
  method?: string;
  /** Path template, e.g. `/repos/{owner}/{repo}/pulls`. */
  route?: string;
  status: number;
  headers?: Record<string, string>;
  body: Json;
  times?: number;
}

export interface EmulatorOptions {
  /** API root, default `https://api.github.com`; GHES: `https://ghe.test/api/v3`. */
  baseUrl?: string;
  spec?: SpecName;
  /** Login of the bot identity; tokens map to it unless `tokens` says otherwise. */
  botLogin?: string;
  /** Tokens accepted, token → login. Default: any `ghp_`/`ghs_`/`github_pat_` token is the bot. */
  tokens?: Record<string, string>;
}

/**
 * An in-process GitHub REST emulator, injected into octokit as `request.fetch`. It keeps real state
 * (git objects with git-correct SHAs, refs, pulls, labels, comments) and checks every request and
 * response against GitHub's OpenAPI description; problems land in `violations`.
 */
export class GitHubEmulator {
  readonly repos: Map<string, EmulatedRepo> = new Map();
  readonly calls: CallRecord[] = [];
  readonly violations: string[] = [];
  readonly faults: Fault[] = [];
  /** Run before a matching request is handled: lets a test move state under the bot (races). */
  readonly hooks: { method: string; route: string; run: () => void; once: boolean }[] = [];
  /** Every `Authorization` header value seen, so tests can check tokens never leak elsewhere. */
  readonly baseUrl: string;
  private readonly spec: SpecName;
  private readonly botLogin: string;
  private readonly tokens: Record<string, string> | undefined;
  private readonly validators = new Map<string, OperationValidator>();
  private clock = Date.UTC(2026, 0, 1);
  private nextId = 1000;
  private installationTokens = new Map<string, number>();

  constructor(options: EmulatorOptions = {}) {
    this.baseUrl = (options.baseUrl ?? "https://api.github.com").replace(/\/+$/, "");
    this.spec = options.spec ?? "api.github.com";
    this.botLogin = options.botLogin ?? "fleet-baseline[bot]";
    this.tokens = options.tokens;
  }

  /** The `fetch` to give octokit. */
  readonly fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> =>
    this.handle(input, init);

  /** Loads the OpenAPI description and compiles every schema the emulated routes use. */
  warm(): void {
    for (const key of this.routes.keys()) {
      const [method, route] = key.split(" ") as [string, string];
      this.validator(method, route).warm();
    }
  }

  /** Every git object of a repository as git would store it: type and serialised bytes. */
  gitObjects(repoName: string): { sha: string; type: "blob" | "tree" | "commit"; bytes: Buffer }[] {
    const out: { sha: string; type: "blob" | "tree" | "commit"; bytes: Buffer }[] = [];
    for (const [sha, obj] of this.repo(repoName).objects) {
      if (obj.type === "blob") out.push({ sha, type: "blob", bytes: obj.content });
      else if (obj.type === "commit") out.push({ sha, type: "commit", bytes: obj.raw });
      else {
        const bytes = Buffer.concat(
          obj.entries.flatMap((e) => [
            Buffer.from(`${e.mode === "040000" ? "40000" : e.mode} ${e.name}\0`),
            Buffer.from(e.sha, "hex"),
          ]),
        );
        out.push({ sha, type: "tree", bytes });
      }
    }
    return out;
  }

  /** Write calls (anything but GET/HEAD) recorded so far. */
  writes(): CallRecord[] {
    return this.calls.filter((c) => c.write);
  }

  // ---------- test helpers (direct state changes, no API call) ----------

  /** Creates a repository whose `branch` holds `files` in one commit. */
  seedRepo(owner: string, name: string, files: Record<string, string>, branch = "main"): string {
    const repo: EmulatedRepo = {
      owner,
      name,
      id: this.id(),
      objects: new Map(),
      refs: new Map(),
      pulls: [],
      comments: new Map(),
      labels: new Map(),
      rules: [],
    };
    this.repos.set(`${owner}/${name}`, repo);
    const tree = this.writeFlat(repo, this.flatFromFiles(repo, files));
    const sha = this.writeCommit(repo, {
      tree,
      parents: [],
      message: "Initial commit",
      author: this.signature("Octo Cat", "octocat@example.com"),
      verified: false,
    });
    repo.refs.set(`refs/heads/${branch}`, sha);
    return sha;
  }

  /** A person pushes a commit to `branch`: `files` maps path → content, or null to delete. */
  pushCommit(
    repoName: string,
    branch: string,
    files: Record<string, string | null>,
    message = "Edit by hand",
    author = { name: "Jane Doe", email: "jane@example.com" },
  ): string {
    const repo = this.repo(repoName);
    const head = repo.refs.get(`refs/heads/${branch}`);
    if (!head) throw new Error(`no branch ${branch}`);
    const flat = this.flatten(repo, (this.object(repo, head) as CommitObject).tree);
    for (const [path, content] of Object.entries(files)) {
      if (content === null) flat.delete(path);
      else flat.set(path, { mode: "100644", type: "blob", sha: this.writeBlob(repo, content) });
    }
    const sha = this.writeCommit(repo, {
      tree: this.writeFlat(repo, flat),
      parents: [head],
      message,
      author: this.signature(author.name, author.email),
      verified: false,
    });
    repo.refs.set(`refs/heads/${branch}`, sha);
    this.syncPullHeads(repo);
    return sha;
  }

  /** Files of a branch (path → content), for assertions. */
  files(repoName: string, branch: string): Record<string, string> {
    const repo = this.repo(repoName);
    const head = repo.refs.get(`refs/heads/${branch}`);
    if (!head) throw new Error(`no branch ${branch}`);
    const out: Record<string, string> = {};
    for (const [path, entry] of this.flatten(
      repo,
      (this.object(repo, head) as CommitObject).tree,
    )) {
      out[path] = (this.object(repo, entry.sha) as Blob).content.toString("utf8");
    }
    return out;
  }

  /** The commit a branch points at, with parents and message. */
  commit(repoName: string, sha: string): { parents: string[]; message: string; tree: string } {
    const c = this.object(this.repo(repoName), sha) as CommitObject;
    return { parents: c.parents, message: c.message, tree: c.tree };
  }

  head(repoName: string, branch: string): string | undefined {
    return this.repo(repoName).refs.get(`refs/heads/${branch}`);
  }

  pulls(repoName: string): readonly PullState[] {
    return this.repo(repoName).pulls;
  }

  comments(repoName: string, number: number): readonly CommentState[] {
    return this.repo(repoName).comments.get(number) ?? [];
  }

  /** Merges a pull: the base branch moves to a commit with the head's tree. */
  mergePull(repoName: string, number: number): void {
    const repo = this.repo(repoName);
    const pull = repo.pulls.find((p) => p.number === number);
    if (!pull) throw new Error(`no pull ${number}`);
    const base = repo.refs.get(`refs/heads/${pull.base}`) as string;
    const head = this.object(repo, pull.headSha) as CommitObject;
    const sha = this.writeCommit(repo, {
      tree: head.tree,
      parents: [base, pull.headSha],
      message: `Merge pull request #${number}`,
      author: this.signature("Octo Cat", "octocat@example.com"),
      verified: false,
    });
    repo.refs.set(`refs/heads/${pull.base}`, sha);
    pull.state = "closed";
    pull.merged = true;
    pull.closed = this.now();
  }

  // ---------- request handling ----------

  private async handle(input: string | URL | Request, init?: RequestInit): Promise<Response> {
    const url = new URL(
      typeof input === "string" ? input : input instanceof URL ? input : input.url,
    );
    const method = (init?.method ?? "GET").toUpperCase();
    const headers = new Headers(init?.headers);
    const rawBody = typeof init?.body === "string" ? init.body : undefined;
    const body =
      rawBody === undefined || rawBody === "" ? undefined : (JSON.parse(rawBody) as unknown);
    const base = new URL(this.baseUrl);
    if (url.host !== base.host || !url.pathname.startsWith(base.pathname.replace(/\/$/, ""))) {
      return this.fail(method, "(unknown)", `request outside the API root: ${url.href}`);
    }
    const path = url.pathname.slice(base.pathname.replace(/\/$/, "").length) || "/";
    const match = this.route(method, path);
    if (!match) return this.fail(method, path, `no emulated route for ${method} ${path}`);
    const { route, params, handler } = match;
    const check = this.validator(method, route);
    this.violations.push(...check.request({ path: params, query: url.searchParams, body }));
    const write = method !== "GET" && method !== "HEAD";

    for (const hook of [...this.hooks]) {
      if (hook.method === method && hook.route === route) {
        if (hook.once) this.hooks.splice(this.hooks.indexOf(hook), 1);
        hook.run();
      }
    }
    const fault = this.faults.find(
      (f) =>
        (f.times ?? 1) > 0 && (!f.method || f.method === method) && (!f.route || f.route === route),
    );
    if (fault) {
      fault.times = (fault.times ?? 1) - 1;
      this.violations.push(...validateComponent(this.spec, "basic-error", fault.body));
      this.calls.push({ method, route, status: fault.status, write });
      return this.respond(fault.status, fault.body, fault.headers);
    }

    const auth = headers.get("authorization") ?? "";
    const login = this.authenticate(auth, route);
    if (!login) {
      const res = { message: "Bad credentials", documentation_url: "https://docs.github.com/rest" };
      this.violations.push(...check.response(401, res));
      this.calls.push({ method, route, status: 401, write });
      return this.respond(401, res);
    }
    this.clock += 1000;
    let status: number;
    let payload: unknown;
    try {
      // GitHub signs API commits made with installation tokens (`ghs_`, Actions' GITHUB_TOKEN too).
      const signs = auth.split(" ")[1]?.startsWith("ghs_") === true;
      [status, payload] = handler({
        params,
        query: url.searchParams,
        body: body as Json,
        login,
        signs,
      });
    } catch (error) {
      if (error instanceof HttpError) [status, payload] = [error.status, error.body];
      else throw error;
    }
    this.violations.push(...check.response(status, payload));
    this.calls.push({ method, route, status, write });
    return this.respond(status, payload);
  }

  private fail(method: string, route: string, message: string): Response {
    this.violations.push(message);
    this.calls.push({ method, route, status: 404, write: method !== "GET" });
    return this.respond(404, {
      message: "Not Found",
      documentation_url: "https://docs.github.com/rest",
    });
  }

  private respond(
    status: number,
    payload: unknown,
    headers: Record<string, string> = {},
  ): Response {
    const h = new Headers({ "content-type": "application/json; charset=utf-8", ...headers });
    if (status === 204 || payload === undefined) return new Response(null, { status, headers: h });
    return new Response(JSON.stringify(payload), { status, headers: h });
  }

  private validator(method: string, route: string): OperationValidator {
    const key = `${method} ${route}`;
    let v = this.validators.get(key);
    if (!v) {
      v = operation(this.spec, method, route);
      this.validators.set(key, v);
    }
    return v;
  }

  private authenticate(header: string, route: string): string | undefined {
    const [scheme, credential] = header.split(" ");
    if (!credential) return undefined;
    if (route === "/app/installations/{installation_id}/access_tokens") {
      // An app JWT: three base64url parts whose payload names the app (`iss`).
      if (scheme?.toLowerCase() !== "bearer") return undefined;
      const payload = credential.split(".")[1];
      if (!payload) return undefined;
      const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as {
        iss?: unknown;
      };
      return claims.iss === undefined ? undefined : `app:${String(claims.iss)}`;
    }
    if (this.installationTokens.has(credential)) return this.botLogin;
    if (this.tokens) return this.tokens[credential];
    return /^(ghp_|ghs_|github_pat_|gho_)/.test(credential) ? this.botLogin : undefined;
  }

  private route(
    method: string,
    path: string,
  ): { route: string; params: Record<string, string>; handler: Handler } | undefined {
    const segments = path.split("/").slice(1);
    for (const [key, handler] of this.routes) {
      const [m, template] = key.split(" ") as [string, string];
      if (m !== method) continue;
      const parts = template.split("/").slice(1);
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < parts.length; i++) {
        const part = parts[i] as string;
        const seg = segments[i];
        if (seg === undefined) {
          ok = false;
          break;
        }
        if (part.startsWith("{")) {
          const name = part.slice(1, -1);
          // x-multi-segment parameters (ref, sha) swallow the rest; octokit sends `/` as %2F.
          const rest =
            i === parts.length - 1 && MULTI.has(name) ? segments.slice(i).join("/") : seg;
          params[name] = decodeURIComponent(rest);
          if (rest !== seg) {
            i = parts.length;
            break;
          }
        } else if (part !== seg) {
          ok = false;
          break;
        }
      }
      if (
        ok &&
        (segments.length === parts.length || MULTI_TAIL(template, segments.length, parts.length))
      ) {
        return { route: template, params, handler };
      }
    }
    return undefined;
  }

  private readonly routes = new Map<string, Handler>([
    ["POST /app/installations/{installation_id}/access_tokens", (r) => this.createToken(r)],
    ["GET /repos/{owner}/{repo}/git/ref/{ref}", (r) => this.getRef(r)],
    ["POST /repos/{owner}/{repo}/git/refs", (r) => this.createRef(r)],
    ["PATCH /repos/{owner}/{repo}/git/refs/{ref}", (r) => this.updateRef(r)],
    ["DELETE /repos/{owner}/{repo}/git/refs/{ref}", (r) => this.deleteRef(r)],
    ["GET /repos/{owner}/{repo}/git/trees/{tree_sha}", (r) => this.getTree(r)],
    ["POST /repos/{owner}/{repo}/git/trees", (r) => this.createTree(r)],
    ["GET /repos/{owner}/{repo}/git/commits/{commit_sha}", (r) => this.getCommit(r)],
    ["POST /repos/{owner}/{repo}/git/commits", (r) => this.createCommit(r)],
    ["GET /repos/{owner}/{repo}/git/blobs/{file_sha}", (r) => this.getBlob(r)],
    ["POST /repos/{owner}/{repo}/git/blobs", (r) => this.createBlob(r)],
    ["GET /repos/{owner}/{repo}/pulls", (r) => this.listPulls(r)],
    ["POST /repos/{owner}/{repo}/pulls", (r) => this.createPull(r)],
    ["GET /repos/{owner}/{repo}/pulls/{pull_number}", (r) => this.getPull(r)],
    ["PATCH /repos/{owner}/{repo}/pulls/{pull_number}", (r) => this.updatePull(r)],
    ["POST /repos/{owner}/{repo}/issues/{issue_number}/labels", (r) => this.addLabels(r)],
    ["GET /repos/{owner}/{repo}/issues/{issue_number}/comments", (r) => this.listComments(r)],
    ["POST /repos/{owner}/{repo}/issues/{issue_number}/comments", (r) => this.createComment(r)],
  ]);

  // ---------- handlers ----------

  private createToken(r: Req): Result {
    const token = `ghs_${createHash("sha1")
      .update(String(this.nextId++))
      .digest("hex")
      .slice(0, 36)}`;
    this.installationTokens.set(token, Number(r.params.installation_id));
    return [
      201,
      {
        token,
        expires_at: new Date(this.clock + 3600_000).toISOString(),
        permissions: {
          contents: "write",
          pull_requests: "write",
          issues: "write",
          metadata: "read",
        },
        repository_selection: "selected",
      },
    ];
  }

  private getRef(r: Req): Result {
    const repo = this.repoOf(r);
    const name = `refs/${r.params.ref}`;
    const sha = repo.refs.get(name);
    if (!sha) throw notFound();
    return [200, this.refJson(repo, name, sha)];
  }

  private createRef(r: Req): Result {
    const repo = this.repoOf(r);
    const ref = String(r.body.ref);
    const sha = String(r.body.sha);
    if (!/^refs\/.+\/.+/.test(ref))
      throw unprocessable("Reference name must start with 'refs/' and have at least two slashes.");
    this.checkRules(repo, ref);
    if (repo.refs.has(ref)) throw unprocessable("Reference already exists");
    if (this.objects(repo).get(sha)?.type !== "commit")
      throw unprocessable("Object does not exist");
    repo.refs.set(ref, sha);
    this.syncPullHeads(repo);
    return [201, this.refJson(repo, ref, sha)];
  }

  private updateRef(r: Req): Result {
    const repo = this.repoOf(r);
    const ref = `refs/${r.params.ref}`;
    const sha = String(r.body.sha);
    const current = repo.refs.get(ref);
    if (!current) throw unprocessable("Reference does not exist");
    this.checkRules(repo, ref);
    if (this.objects(repo).get(sha)?.type !== "commit")
      throw unprocessable("Object does not exist");
    if (r.body.force !== true && current !== sha && !this.isAncestor(repo, current, sha)) {
      throw unprocessable("Update is not a fast forward");
    }
    repo.refs.set(ref, sha);
    this.syncPullHeads(repo);
    return [200, this.refJson(repo, ref, sha)];
  }

  private deleteRef(r: Req): Result {
    const repo = this.repoOf(r);
    const ref = `refs/${r.params.ref}`;
    if (!repo.refs.has(ref)) throw unprocessable("Reference does not exist");
    this.checkRules(repo, ref);
    repo.refs.delete(ref);
    // GitHub closes the open pull request of a deleted head branch.
    for (const pull of repo.pulls) {
      if (pull.state === "open" && `refs/heads/${pull.head}` === ref) {
        pull.state = "closed";
        pull.closed = this.now();
      }
    }
    return [204, undefined];
  }

  private getTree(r: Req): Result {
    const repo = this.repoOf(r);
    let sha = String(r.params.tree_sha);
    const byRef = repo.refs.get(`refs/heads/${sha}`);
    if (byRef) sha = byRef;
    const obj = this.objects(repo).get(sha);
    if (!obj) throw notFound();
    const treeSha = obj.type === "commit" ? obj.tree : sha;
    const tree = this.object(repo, treeSha);
    if (tree.type !== "tree") throw unprocessable("Not a tree");
    const recursive = r.query.has("recursive");
    const entries: Json[] = [];
    const walk = (t: TreeObject, prefix: string) => {
      for (const e of t.entries) {
        const path = prefix + e.name;
        const type = e.mode === "040000" ? "tree" : e.mode === "160000" ? "commit" : "blob";
        const entry: Json = {
          path,
          mode: e.mode,
          type,
          sha: e.sha,
          url: this.url(repo, `git/${type}s/${e.sha}`),
        };
        if (type === "blob") entry.size = (this.object(repo, e.sha) as Blob).content.length;
        entries.push(entry);
        if (recursive && type === "tree") walk(this.object(repo, e.sha) as TreeObject, `${path}/`);
      }
    };
    walk(tree, "");
    return [
      200,
      {
        sha: treeSha,
        url: this.url(repo, `git/trees/${treeSha}`),
        tree: entries,
        truncated: false,
      },
    ];
  }

  private createTree(r: Req): Result {
    const repo = this.repoOf(r);
    const flat: FlatTree = r.body.base_tree
      ? this.flatten(repo, String(r.body.base_tree))
      : new Map();
    for (const raw of r.body.tree as Json[]) {
      const path = String(raw.path);
      const mode = raw.mode as GitMode;
      if ("content" in raw && "sha" in raw)
        throw unprocessable("Must supply either tree.sha or tree.content, not both");
      if (raw.sha === null) {
        const had = [...flat.keys()].some((p) => p === path || p.startsWith(`${path}/`));
        if (!had) throw unprocessable(`GitRPC::BadObjectState: path ${path} does not exist`);
        for (const p of [...flat.keys()])
          if (p === path || p.startsWith(`${path}/`)) flat.delete(p);
        continue;
      }
      for (const p of [...flat.keys()]) if (p.startsWith(`${path}/`)) flat.delete(p);
      if (mode === "040000") {
        for (const [p, e] of this.flatten(repo, String(raw.sha))) flat.set(`${path}/${p}`, e);
        continue;
      }
      const sha =
        typeof raw.content === "string" ? this.writeBlob(repo, raw.content) : String(raw.sha);
      if (!this.objects(repo).has(sha) && mode !== "160000")
        throw unprocessable("Object does not exist");
      flat.set(path, { mode, type: mode === "160000" ? "commit" : "blob", sha });
    }
    const sha = this.writeFlat(repo, flat);
    const tree = this.object(repo, sha) as TreeObject;
    return [
      201,
      {
        sha,
        url: this.url(repo, `git/trees/${sha}`),
        truncated: false,
        tree: tree.entries.map((e) => {
          const type = e.mode === "040000" ? "tree" : e.mode === "160000" ? "commit" : "blob";
          return {
            path: e.name,
            mode: e.mode,
            type,
            sha: e.sha,
            url: this.url(repo, `git/${type}s/${e.sha}`),
          };
        }),
      },
    ];
  }

  private getCommit(r: Req): Result {
    const repo = this.repoOf(r);
    const obj = this.objects(repo).get(String(r.params.commit_sha));
    if (obj?.type !== "commit") throw notFound();
    return [200, this.commitJson(repo, String(r.params.commit_sha), obj)];
  }

  private createCommit(r: Req): Result {
    const repo = this.repoOf(r);
    const tree = String(r.body.tree);
    if (this.objects(repo).get(tree)?.type !== "tree")
      throw unprocessable("Tree SHA does not exist");
    const parents = ((r.body.parents as string[] | undefined) ?? []).map(String);
    for (const p of parents) {
      if (this.objects(repo).get(p)?.type !== "commit")
        throw unprocessable("Parent SHA does not exist or is not a commit object");
    }
    const given = r.body.author as { name: string; email: string } | undefined;
    const botSig = this.signature(r.login, `1+${r.login}@users.noreply.github.com`);
    const sha = this.writeCommit(repo, {
      tree,
      parents,
      message: String(r.body.message),
      author: given ? this.signature(given.name, given.email) : botSig,
      // GitHub signs commits made through the API by an app when no identity or signature is sent.
      verified: r.signs && !given && !r.body.committer && !r.body.signature,
    });
    return [201, this.commitJson(repo, sha, this.object(repo, sha) as CommitObject)];
  }

  private getBlob(r: Req): Result {
    const repo = this.repoOf(r);
    const sha = String(r.params.file_sha);
    const obj = this.objects(repo).get(sha);
    if (obj?.type !== "blob") throw notFound();
    return [
      200,
      {
        sha,
        node_id: nodeId("Blob", sha),
        url: this.url(repo, `git/blobs/${sha}`),
        size: obj.content.length,
        content: obj.content.toString("base64"),
        encoding: "base64",
      },
    ];
  }

  private createBlob(r: Req): Result {
    const repo = this.repoOf(r);
    const content =
      r.body.encoding === "base64"
        ? Buffer.from(String(r.body.content), "base64")
        : Buffer.from(String(r.body.content), "utf8");
    const sha = this.writeBlob(repo, content);
    return [201, { sha, url: this.url(repo, `git/blobs/${sha}`) }];
  }

  private listPulls(r: Req): Result {
    const repo = this.repoOf(r);
    const state = r.query.get("state") ?? "open";
    const head = r.query.get("head");
    const baseRef = r.query.get("base");
    let pulls = repo.pulls.filter((p) => state === "all" || p.state === state);
    if (head) {
      const [owner, branch] = head.includes(":") ? head.split(":", 2) : [undefined, head];
      pulls = pulls.filter(
        (p) => p.head === branch && (owner === undefined || owner === repo.owner),
      );
    }
    if (baseRef) pulls = pulls.filter((p) => p.base === baseRef);
    pulls = [...pulls].sort((a, b) => b.number - a.number);
    const perPage = Number(r.query.get("per_page") ?? 30);
    const page = Number(r.query.get("page") ?? 1);
    return [
      200,
      pulls.slice((page - 1) * perPage, page * perPage).map((p) => this.pullJson(repo, p, false)),
    ];
  }

  private createPull(r: Req): Result {
    const repo = this.repoOf(r);
    const head = String(r.body.head).replace(`${repo.owner}:`, "");
    const base = String(r.body.base);
    const body = r.body.body === undefined ? null : String(r.body.body);
    if (body && body.length > 65536) throw bodyTooLong();
    const headSha = repo.refs.get(`refs/heads/${head}`);
    if (!headSha) throw validation("PullRequest", "head", "invalid");
    const baseSha = repo.refs.get(`refs/heads/${base}`);
    if (!baseSha) throw validation("PullRequest", "base", "invalid");
    if (repo.pulls.some((p) => p.state === "open" && p.head === head && p.base === base)) {
      throw validation(
        "PullRequest",
        undefined,
        "custom",
        `A pull request already exists for ${repo.owner}:${head}.`,
      );
    }
    if (headSha === baseSha || this.isAncestor(repo, headSha, baseSha)) {
      throw validation(
        "PullRequest",
        undefined,
        "custom",
        `No commits between ${base} and ${head}`,
      );
    }
    const now = this.now();
    const number = this.issueNumber(repo);
    const pull: PullState = {
      id: this.id(),
      number,
      title: String(r.body.title),
      body,
      state: "open",
      draft: r.body.draft === true,
      head,
      headSha,
      base,
      user: r.login,
      labels: [],
      created: now,
      updated: now,
      closed: null,
      merged: false,
    };
    repo.pulls.push(pull);
    return [201, this.pullJson(repo, pull, true)];
  }

  private getPull(r: Req): Result {
    const repo = this.repoOf(r);
    const pull = repo.pulls.find((p) => p.number === Number(r.params.pull_number));
    if (!pull) throw notFound();
    return [200, this.pullJson(repo, pull, true)];
  }

  private updatePull(r: Req): Result {
    const repo = this.repoOf(r);
    const pull = repo.pulls.find((p) => p.number === Number(r.params.pull_number));
    if (!pull) throw notFound();
    if (typeof r.body.body === "string" && r.body.body.length > 65536) throw bodyTooLong();
    if (typeof r.body.title === "string") pull.title = r.body.title;
    if (typeof r.body.body === "string") pull.body = r.body.body;
    if (r.body.state === "closed" && pull.state === "open") {
      pull.state = "closed";
      pull.closed = this.now();
    } else if (r.body.state === "open" && pull.state === "closed") {
      if (!repo.refs.has(`refs/heads/${pull.head}`))
        throw validation("PullRequest", "state", "invalid");
      pull.state = "open";
      pull.closed = null;
    }
    pull.updated = this.now();
    return [200, this.pullJson(repo, pull, true)];
  }

  private addLabels(r: Req): Result {
    const repo = this.repoOf(r);
    const pull = repo.pulls.find((p) => p.number === Number(r.params.issue_number));
    if (!pull) throw notFound();
    const labels = Array.isArray(r.body)
      ? (r.body as unknown[])
      : ((r.body.labels as unknown[]) ?? []);
    for (const raw of labels) {
      const name = typeof raw === "string" ? raw : String((raw as Json).name);
      if (!repo.labels.has(name)) repo.labels.set(name, this.id());
      if (!pull.labels.includes(name)) pull.labels.push(name);
    }
    return [200, pull.labels.map((l) => this.labelJson(repo, l))];
  }

  private listComments(r: Req): Result {
    const repo = this.repoOf(r);
    const number = Number(r.params.issue_number);
    if (!repo.pulls.some((p) => p.number === number)) throw notFound();
    const perPage = Number(r.query.get("per_page") ?? 30);
    const page = Number(r.query.get("page") ?? 1);
    const all = repo.comments.get(number) ?? [];
    return [
      200,
      all.slice((page - 1) * perPage, page * perPage).map((c) => this.commentJson(repo, number, c)),
    ];
  }

  private createComment(r: Req): Result {
    const repo = this.repoOf(r);
    const number = Number(r.params.issue_number);
    if (!repo.pulls.some((p) => p.number === number)) throw notFound();
    const body = String(r.body.body);
    if (body.length > 65536) throw bodyTooLong();
    const comment = { id: this.id(), body, user: r.login, created: this.now() };
    const list = repo.comments.get(number) ?? [];
    list.push(comment);
    repo.comments.set(number, list);
    return [201, this.commentJson(repo, number, comment)];
  }

  // ---------- git storage ----------

  private objects(repo: EmulatedRepo): Map<string, GitObject> {
    return repo.objects;
  }

  private object(repo: EmulatedRepo, sha: string): GitObject {
    const obj = repo.objects.get(sha);
    if (!obj) throw notFound();
    return obj;
  }

  private writeBlob(repo: EmulatedRepo, content: string | Buffer): string {
    const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
    const sha = gitBlobSha(bytes);
    repo.objects.set(sha, { type: "blob", content: bytes });
    return sha;
  }

  private flatFromFiles(repo: EmulatedRepo, files: Record<string, string>): FlatTree {
    const flat: FlatTree = new Map();
    for (const [path, content] of Object.entries(files)) {
      flat.set(path, { mode: "100644", type: "blob", sha: this.writeBlob(repo, content) });
    }
    return flat;
  }

  /** Stores the nested tree objects of a flat tree, serialised exactly as git does; returns the root SHA. */
  private writeFlat(repo: EmulatedRepo, flat: FlatTree): string {
    const dirs = new Map<string, Map<string, { mode: GitMode; sha: string } | "dir">>();
    dirs.set("", new Map());
    for (const [path, entry] of flat) {
      const parts = path.split("/");
      let dir = "";
      for (let i = 0; i < parts.length - 1; i++) {
        const child = dir ? `${dir}/${parts[i]}` : (parts[i] as string);
        if (!dirs.has(child)) dirs.set(child, new Map());
        dirs.get(dir)?.set(parts[i] as string, "dir");
        dir = child;
      }
      dirs.get(dir)?.set(parts[parts.length - 1] as string, { mode: entry.mode, sha: entry.sha });
    }
    const shas = new Map<string, string>();
    const order = [...dirs.keys()].sort(
      (a, b) =>
        b.split("/").length - a.split("/").length || (a === "" ? 1 : 0) - (b === "" ? 1 : 0),
    );
    for (const dir of order) {
      const entries = [...(dirs.get(dir) ?? new Map()).entries()].map(([name, e]) =>
        e === "dir"
          ? {
              name,
              mode: "040000" as GitMode,
              sha: shas.get(dir ? `${dir}/${name}` : name) as string,
            }
          : { name, mode: e.mode, sha: e.sha },
      );
      entries.sort((a, b) =>
        Buffer.compare(
          Buffer.from(a.mode === "040000" ? `${a.name}/` : a.name),
          Buffer.from(b.mode === "040000" ? `${b.name}/` : b.name),
        ),
      );
      const body = Buffer.concat(
        entries.flatMap((e) => [
          Buffer.from(`${e.mode === "040000" ? "40000" : e.mode} ${e.name}\0`),
          Buffer.from(e.sha, "hex"),
        ]),
      );
      const sha = createHash("sha1").update(`tree ${body.length}\0`).update(body).digest("hex");
      repo.objects.set(sha, { type: "tree", entries });
      shas.set(dir, sha);
    }
    return shas.get("") as string;
  }

  private flatten(repo: EmulatedRepo, treeSha: string): FlatTree {
    const out: FlatTree = new Map();
    const walk = (sha: string, prefix: string) => {
      const tree = this.object(repo, sha);
      if (tree.type !== "tree") throw unprocessable("base_tree is not a tree");
      for (const e of tree.entries) {
        if (e.mode === "040000") walk(e.sha, `${prefix}${e.name}/`);
        else {
          const entry: FlatEntry = {
            mode: e.mode,
            type: e.mode === "160000" ? "commit" : "blob",
            sha: e.sha,
          };
          out.set(`${prefix}${e.name}`, entry);
        }
      }
    };
    walk(treeSha, "");
    return out;
  }

  private writeCommit(
    repo: EmulatedRepo,
    c: { tree: string; parents: string[]; message: string; author: Signature; verified: boolean },
  ): string {
    const stamp = `${Math.floor(Date.parse(c.author.date) / 1000)} +0000`;
    const text =
      `tree ${c.tree}\n` +
      c.parents.map((p) => `parent ${p}\n`).join("") +
      `author ${c.author.name} <${c.author.email}> ${stamp}\n` +
      `committer ${c.author.name} <${c.author.email}> ${stamp}\n\n${c.message}`;
    const bytes = Buffer.from(text, "utf8");
    const sha = createHash("sha1").update(`commit ${bytes.length}\0`).update(bytes).digest("hex");
    repo.objects.set(sha, { type: "commit", ...c, committer: c.author, raw: bytes });
    return sha;
  }

  private isAncestor(repo: EmulatedRepo, ancestor: string, of: string): boolean {
    const seen = new Set<string>();
    const stack = [of];
    while (stack.length) {
      const sha = stack.pop() as string;
      if (sha === ancestor) return true;
      if (seen.has(sha)) continue;
      seen.add(sha);
      const obj = repo.objects.get(sha);
      if (obj?.type === "commit") stack.push(...obj.parents);
    }
    return false;
  }

  private checkRules(repo: EmulatedRepo, ref: string): void {
    const branch = ref.replace(/^refs\/heads\//, "");
    if (repo.rules.some((rule) => rule.test(branch))) {
      throw new HttpError(422, {
        message: "Repository rule violations found\n\nCannot update this protected ref.\n\n",
        documentation_url:
          "https://docs.github.com/repositories/configuring-branches-and-merges-in-your-repository/managing-rulesets/about-rulesets",
        status: "422",
      });
    }
  }

  private syncPullHeads(repo: EmulatedRepo): void {
    for (const pull of repo.pulls) {
      const sha = repo.refs.get(`refs/heads/${pull.head}`);
      if (pull.state === "open" && sha) pull.headSha = sha;
    }
  }

  // ---------- JSON shapes ----------

  private repo(full: string): EmulatedRepo {
    const repo = this.repos.get(full);
    if (!repo) throw new Error(`no repository ${full}`);
    return repo;
  }

  private repoOf(r: Req): EmulatedRepo {
    const repo = this.repos.get(`${r.params.owner}/${r.params.repo}`);
    if (!repo) throw notFound();
    return repo;
  }

  private id(): number {
    return this.nextId++;
  }

  private issueNumber(repo: EmulatedRepo): number {
    return repo.pulls.length + 1;
  }

  private now(): string {
    return new Date(this.clock).toISOString().replace(/\.\d{3}Z$/, "Z");
  }

  private signature(name: string, email: string): Signature {
    return { name, email, date: this.now() };
  }

  private url(repo: EmulatedRepo, rest: string): string {
    return `${this.baseUrl}/repos/${repo.owner}/${repo.name}/${rest}`;
  }

  private web(repo: EmulatedRepo, rest: string): string {
    const host = new URL(this.baseUrl).host.replace(/^api\./, "");
    return `https://${host}/${repo.owner}/${repo.name}/${rest}`;
  }

  private refJson(repo: EmulatedRepo, ref: string, sha: string): Json {
    return {
      ref,
      node_id: nodeId("Ref", `${repo.id}${ref}`),
      url: this.url(repo, `git/${ref}`),
      object: { type: "commit", sha, url: this.url(repo, `git/commits/${sha}`) },
    };
  }

  private commitJson(repo: EmulatedRepo, sha: string, c: CommitObject): Json {
    return {
      sha,
      node_id: nodeId("Commit", sha),
      url: this.url(repo, `git/commits/${sha}`),
      html_url: this.web(repo, `commit/${sha}`),
      author: c.author,
      committer: c.committer,
      tree: { sha: c.tree, url: this.url(repo, `git/trees/${c.tree}`) },
      message: c.message,
      parents: c.parents.map((p) => ({
        sha: p,
        url: this.url(repo, `git/commits/${p}`),
        html_url: this.web(repo, `commit/${p}`),
      })),
      verification: {
        verified: c.verified,
        reason: c.verified ? "valid" : "unsigned",
        signature: null,
        payload: null,
        verified_at: c.verified ? c.committer.date : null,
      },
    };
  }

  private userJson(login: string): Json {
    const id = 4242 + login.length;
    const api = `${this.baseUrl}/users/${encodeURIComponent(login)}`;
    return {
      login,
      id,
      node_id: nodeId("User", login),
      avatar_url: `https://avatars.example.test/u/${id}`,
      gravatar_id: "",
      url: api,
      html_url: `https://${new URL(this.baseUrl).host.replace(/^api\./, "")}/${encodeURIComponent(login)}`,
      followers_url: `${api}/followers`,
      following_url: `${api}/following{/other_user}`,
      gists_url: `${api}/gists{/gist_id}`,
      starred_url: `${api}/starred{/owner}{/repo}`,
      subscriptions_url: `${api}/subscriptions`,
      organizations_url: `${api}/orgs`,
      repos_url: `${api}/repos`,
      events_url: `${api}/events{/privacy}`,
      received_events_url: `${api}/received_events`,
      type: login.endsWith("[bot]") ? "Bot" : "User",
      site_admin: false,
    };
  }

  private repoJson(repo: EmulatedRepo): Json {
    const api = `${this.baseUrl}/repos/${repo.owner}/${repo.name}`;
    const urls: Json = {};
    for (const name of URL_FIELDS) urls[`${name}_url`] = `${api}/${name}`;
    return {
      ...urls,
      id: repo.id,
      node_id: nodeId("Repository", String(repo.id)),
      name: repo.name,
      full_name: `${repo.owner}/${repo.name}`,
      owner: this.userJson(repo.owner),
      private: true,
      html_url: this.web(repo, "").replace(/\/+$/, ""),
      description: null,
      fork: false,
      url: api,
      clone_url: `${this.web(repo, "").replace(/\/+$/, "")}.git`,
      git_url: `git://example.test/${repo.owner}/${repo.name}.git`,
      ssh_url: `git@example.test:${repo.owner}/${repo.name}.git`,
      svn_url: this.web(repo, "").replace(/\/+$/, ""),
      mirror_url: null,
      homepage: null,
      language: null,
      forks: 0,
      forks_count: 0,
      stargazers_count: 0,
      watchers_count: 0,
      watchers: 0,
      size: 1,
      default_branch: "main",
      open_issues: 0,
      open_issues_count: 0,
      has_issues: true,
      has_projects: false,
      has_wiki: false,
      has_pages: false,
      has_downloads: false,
      archived: false,
      disabled: false,
      license: null,
      pushed_at: this.now(),
      created_at: "2026-01-01T00:00:00Z",
      updated_at: this.now(),
    };
  }

  private labelJson(repo: EmulatedRepo, name: string): Json {
    const id = repo.labels.get(name) ?? 0;
    return {
      id,
      node_id: nodeId("Label", String(id)),
      url: this.url(repo, `labels/${encodeURIComponent(name)}`),
      name,
      description: "",
      color: "ededed",
      default: false,
    };
  }

  private commentJson(repo: EmulatedRepo, number: number, c: CommentState): Json {
    return {
      id: c.id,
      node_id: nodeId("IssueComment", String(c.id)),
      url: this.url(repo, `issues/comments/${c.id}`),
      html_url: this.web(repo, `pull/${number}#issuecomment-${c.id}`),
      issue_url: this.url(repo, `issues/${number}`),
      body: c.body,
      user: this.userJson(c.user),
      created_at: c.created,
      updated_at: c.created,
      author_association: "NONE",
    };
  }

  private pullJson(repo: EmulatedRepo, p: PullState, full: boolean): Json {
    const api = this.url(repo, `pulls/${p.number}`);
    const issue = this.url(repo, `issues/${p.number}`);
    const html = this.web(repo, `pull/${p.number}`);
    const branch = (ref: string, sha: string) => ({
      label: `${repo.owner}:${ref}`,
      ref,
      sha,
      user: this.userJson(repo.owner),
      repo: this.repoJson(repo),
    });
    const json: Json = {
      url: api,
      id: p.id,
      node_id: nodeId("PullRequest", String(p.id)),
      html_url: html,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      issue_url: issue,
      commits_url: `${api}/commits`,
      review_comments_url: `${api}/comments`,
      review_comment_url: this.url(repo, "pulls/comments{/number}"),
      comments_url: `${issue}/comments`,
      statuses_url: this.url(repo, `statuses/${p.headSha}`),
      number: p.number,
      state: p.state,
      locked: false,
      title: p.title,
      user: this.userJson(p.user),
      body: p.body,
      labels: p.labels.map((l) => this.labelJson(repo, l)),
      milestone: null,
      active_lock_reason: null,
      created_at: p.created,
      updated_at: p.updated,
      closed_at: p.closed,
      merged_at: p.merged ? p.closed : null,
      merge_commit_sha: null,
      assignee: null,
      assignees: [],
      requested_reviewers: [],
      requested_teams: [],
      head: branch(p.head, p.headSha),
      base: branch(p.base, repo.refs.get(`refs/heads/${p.base}`) ?? p.headSha),
      _links: {
        self: { href: api },
        html: { href: html },
        issue: { href: issue },
        comments: { href: `${issue}/comments` },
        review_comments: { href: `${api}/comments` },
        review_comment: { href: this.url(repo, "pulls/comments{/number}") },
        commits: { href: `${api}/commits` },
        statuses: { href: this.url(repo, `statuses/${p.headSha}`) },
      },
      author_association: "NONE",
      auto_merge: null,
      draft: p.draft,
    };
    if (full) {
      Object.assign(json, {
        merged: p.merged,
        mergeable: null,
        rebaseable: null,
        mergeable_state: "unknown",
        merged_by: null,
        comments: (repo.comments.get(p.number) ?? []).length,
        review_comments: 0,
        maintainer_can_modify: false,
        commits: 1,
        additions: 0,
        deletions: 0,
        changed_files: 0,
      });
    }
    return json;
  }
}

type Req = {
  params: Record<string, string>;
  query: URLSearchParams;
  body: Json;
  login: string;
  signs: boolean;
};
type Result = [number, unknown];
type Handler = (r: Req) => Result;

const MULTI = new Set(["ref", "tree_sha", "commit_sha"]);
function MULTI_TAIL(template: string, segs: number, parts: number): boolean {
  const last = template.split("/").pop() ?? "";
  return segs > parts && MULTI.has(last.slice(1, -1));
}

const URL_FIELDS = [
  "archive",
  "assignees",
  "blobs",
  "branches",
  "collaborators",
  "comments",
  "commits",
  "compare",
  "contents",
  "contributors",
  "deployments",
  "downloads",
  "events",
  "forks",
  "git_commits",
  "git_refs",
  "git_tags",
  "hooks",
  "issue_comment",
  "issue_events",
  "issues",
  "keys",
  "labels",
  "languages",
  "merges",
  "milestones",
  "notifications",
  "pulls",
  "releases",
  "stargazers",
  "statuses",
  "subscribers",
  "subscription",
  "tags",
  "teams",
  "trees",
];

function nodeId(kind: string, key: string): string {
  return Buffer.from(`${kind}:${key}`).toString("base64url");
}

class HttpError extends Error {
  readonly status: number;
  readonly body: Json;
  constructor(status: number, body: Json) {
    super(String(body.message));
    this.status = status;
    this.body = body;
  }
}

const DOCS = "https://docs.github.com/rest";

function notFound(): HttpError {
  return new HttpError(404, { message: "Not Found", documentation_url: DOCS, status: "404" });
}

function unprocessable(message: string): HttpError {
  return new HttpError(422, { message, documentation_url: DOCS, status: "422" });
}

function validation(
  resource: string,
  field: string | undefined,
  code: string,
  message?: string,
): HttpError {
  const error: Json = { resource, code };
  if (field) error.field = field;
  if (message) error.message = message;
  return new HttpError(422, {
    message: "Validation Failed",
    errors: [error],
    documentation_url: DOCS,
    status: "422",
  });
}

function bodyTooLong(): HttpError {
  return validation("Issue", "body", "custom", "body is too long (maximum is 65536 characters)");
}
