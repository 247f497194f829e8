import { createHash } from "node:crypto";

/** A git blob as stored by the emulator (content kept as bytes). */
export interface BlobObject {
  readonly type: "blob";
  readonly sha: string;
  readonly content: Buffer;
}

/** One entry of a git tree. */
export interface TreeEntry {
  readonly name: string;
  readonly mode: "100644" | "100755" | "040000";
  readonly type: "blob" | "tree";
  readonly sha: string;
}

export interface TreeObject {
  readonly type: "tree";
  readonly sha: string;
  readonly entries: readonly TreeEntry[];
}

/** A git identity with a timestamp, as written in a commit object. */
export interface GitSignature {
  readonly name: string;
  readonly email: string;
  /** ISO 8601. */
  readonly date: string;
}

export interface CommitObject {
  readonly type: "commit";
  readonly sha: string;
  readonly tree: string;
  readonly parents: readonly string[];
  readonly author: GitSignature;
  readonly committer: GitSignature;
  readonly message: string;
  /** Every file of the commit's tree, flattened: path -> blob sha. */
  readonly files: ReadonlyMap<string, string>;
  /** Renames recorded when the commit was made: new path -> old path. */
  readonly renames: ReadonlyMap<string, string>;
}

export type GitObject = BlobObject | TreeObject | CommitObject;

function gitHash(type: string, body: Buffer): string {
  return createHash("sha1").update(`${type} ${body.length}\0`).update(body).digest("hex");
}

function signatureLine(sig: GitSignature): string {
  const seconds = Math.floor(Date.parse(sig.date) / 1000);
  return `${sig.name} <${sig.email}> ${seconds} +0000`;
}

/**
 * A content-addressed object database with real git hashes, shared by every
 * repository of one emulator (forks share objects, as on GitHub).
 */
export class GitObjectStore {
  readonly #objects = new Map<string, GitObject>();

  get(sha: string): GitObject | undefined {
    return this.#objects.get(sha);
  }

  blob(sha: string): BlobObject | undefined {
    const o = this.#objects.get(sha);
    return o?.type === "blob" ? o : undefined;
  }

  tree(sha: string): TreeObject | undefined {
    const o = this.#objects.get(sha);
    return o?.type === "tree" ? o : undefined;
  }

  commit(sha: string): CommitObject | undefined {
    const o = this.#objects.get(sha);
    return o?.type === "commit" ? o : undefined;
  }

  /** Resolves an abbreviated sha (at least 7 hex digits) to a full one. */
  expand(prefix: string): string | undefined {
    const p = prefix.toLowerCase();
    if (!/^[0-9a-f]{7,40}$/.test(p)) return undefined;
    if (p.length === 40) return this.#objects.has(p) ? p : undefined;
    for (const sha of this.#objects.keys()) if (sha.startsWith(p)) return sha;
    return undefined;
  }

  writeBlob(content: string | Buffer): string {
    const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
    const sha = gitHash("blob", bytes);
    if (!this.#objects.has(sha)) this.#objects.set(sha, { type: "blob", sha, content: bytes });
    return sha;
  }

  /** Writes the nested trees for a flat path -> blob map and returns the root tree sha. */
  writeTree(files: ReadonlyMap<string, string>): string {
    interface Dir {
      files: Map<string, string>;
      dirs: Map<string, Dir>;
    }
    const root: Dir = { files: new Map(), dirs: new Map() };
    for (const [path, sha] of files) {
      const parts = path.split("/");
      let dir = root;
      for (const part of parts.slice(0, -1)) {
        let next = dir.dirs.get(part);
        if (!next) {
          next = { files: new Map(), dirs: new Map() };
          dir.dirs.set(part, next);
        }
        dir = next;
      }
      dir.files.set(parts[parts.length - 1] ?? path, sha);
    }
    const write = (dir: Dir): string => {
      const entries: TreeEntry[] = [];
      for (const [name, sha] of dir.files) entries.push({ name, mode: "100644", type: "blob", sha });
      for (const [name, sub] of dir.dirs) entries.push({ name, mode: "040000", type: "tree", sha: write(sub) });
      // git sorts tree entries by name, directories compared as if they ended in "/".
      entries.sort((a, b) => {
        const ka = a.type === "tree" ? `${a.name}/` : a.name;
        const kb = b.type === "tree" ? `${b.name}/` : b.name;
        return ka < kb ? -1 : ka > kb ? 1 : 0;
      });
      const body = Buffer.concat(
        entries.map((e) =>
          Buffer.concat([
            Buffer.from(`${e.mode === "040000" ? "40000" : e.mode} ${e.name}\0`, "utf8"),
            Buffer.from(e.sha, "hex"),
          ]),
        ),
      );
      const sha = gitHash("tree", body);
      if (!this.#objects.has(sha)) this.#objects.set(sha, { type: "tree", sha, entries });
      return sha;
    };
    return write(root);
  }

  writeCommit(input: {
    files: ReadonlyMap<string, string>;
    parents: readonly string[];
    author: GitSignature;
    committer: GitSignature;
    message: string;
    renames?: ReadonlyMap<string, string>;
  }): string {
    const tree = this.writeTree(input.files);
    const text =
      `tree ${tree}\n` +
      input.parents.map((p) => `parent ${p}\n`).join("") +
      `author ${signatureLine(input.author)}\n` +
      `committer ${signatureLine(input.committer)}\n\n` +
      input.message;
    const sha = gitHash("commit", Buffer.from(text, "utf8"));
    if (!this.#objects.has(sha)) {
      this.#objects.set(sha, {
        type: "commit",
        sha,
        tree,
        parents: [...input.parents],
        author: input.author,
        committer: input.committer,
        message: input.message,
        files: new Map(input.files),
        renames: new Map(input.renames ?? []),
      });
    }
    return sha;
  }

  /** Every commit reachable from `sha` (itself included). */
  ancestors(sha: string): Set<string> {
    const seen = new Set<string>();
    const stack = [sha];
    while (stack.length > 0) {
      const s = stack.pop();
      if (s === undefined || seen.has(s)) continue;
      seen.add(s);
      const c = this.commit(s);
      if (c) stack.push(...c.parents);
    }
    return seen;
  }
}
