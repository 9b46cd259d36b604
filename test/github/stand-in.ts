import { execFileSync } from 'node:child_process'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { OpenApi, type Operation } from './openapi.js'

type Json = Record<string, unknown>

/** One request as the stand-in saw it. */
export interface RecordedCall {
  operationId: string
  method: string
  path: string
  query: Record<string, string>
  body: unknown
  status: number
  authorization: string | undefined
}

/** A request that broke the published description (or one of GitHub's rules we encode). */
export interface Violation {
  operationId: string
  path: string
  errors: string[]
}

export interface Fault {
  operationId: string
  /** The answer's status; unset with `holdMs` means the normal answer, late. */
  status?: number
  /** How many requests in a row get the fault; unset means all of them. */
  times?: number
  /** The answer's `message` (GitHub's secondary rate limit is a 403 that says so). */
  message?: string
  /** Response headers, such as `retry-after`. */
  headers?: Record<string, string>
  /** Milliseconds before the answer starts: a slow or hanging GitHub. */
  holdMs?: number
  /** The fault's status is sent after the request took effect (a 502 after a successful POST). */
  afterEffect?: boolean
  /** The answer's body instead of the normal one (a malformed success). */
  body?: unknown
  /** Milliseconds the answer stalls after its headers and half its body (`_codeload` for the archive itself). */
  stallBodyMs?: number
}

const FORBIDDEN = { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest', status: '403' }

/**
 * GitHub's REST API as far as the gate uses it, on 127.0.0.1 only. Every request is checked
 * against GitHub's published OpenAPI description; answers are built from the description's
 * own examples and checked too. It keeps the state that matters between runs (comments,
 * issues, check runs, review comments) so reruns and scheduled audits can be observed.
 */
export class GitHubStandIn {
  readonly calls: RecordedCall[] = []
  readonly violations: Violation[] = []
  /** Issue and pull request comments by issue number. */
  readonly comments = new Map<number, Json[]>()
  readonly issues: Json[] = []
  readonly labels: Json[] = []
  readonly checkRuns: Array<{ id: number; create: Json; updates: Json[] }> = []
  readonly reviewComments = new Map<number, Json[]>()
  /** Commit id → tar.gz served by the tarball endpoint. */
  readonly tarballs = new Map<string, Buffer>()
  /** `base...head` → their merge base, answered by the compare endpoint (unknown pairs are a 404, as for commits GitHub lacks). */
  readonly mergeBases = new Map<string, string>()
  /**
   * A git repository the stand-in answers compare (merge base and changed files) and contents
   * from, as GitHub answers them for the repository it hosts; unset, compare knows only
   * `mergeBases` and contents is a 404.
   */
  repository: string | undefined
  /**
   * Rewrites the files of a compare answer built from `repository`: a broken or hostile GitHub
   * (an answer cut without saying so, a file left out). Unset, the answer is git's.
   */
  compareFiles: ((files: Json[]) => Json[]) | undefined
  faults: Fault[] = []
  /** The git trees API says `truncated` when a recursive answer would list more entries than this (GitHub: 100,000). */
  treeEntryLimit = 100_000
  /**
   * The login of the token's user, for `GET /user`; unset, the token is a workflow's
   * GITHUB_TOKEN, which GitHub answers there with a 403, and which writes as github-actions[bot].
   */
  tokenLogin: string | undefined

  private nextId = 1000
  private constructor(
    private readonly server: Server,
    readonly url: string,
    readonly api: OpenApi
  ) {}

  static async start(api = new OpenApi()): Promise<GitHubStandIn> {
    let standIn: GitHubStandIn | undefined
    const server = createServer((request, response) => {
      void standIn!.handle(request, response)
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    standIn = new GitHubStandIn(server, `http://127.0.0.1:${port}`, api)
    return standIn
  }

  close(): Promise<void> {
    for (const release of this.held) release()
    return new Promise((resolve) => {
      this.server.close(() => resolve())
      this.server.closeAllConnections()
    })
  }

  /** Held answers are released early when the stand-in closes. */
  private readonly held = new Set<() => void>()

  private hold(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const release = (): void => {
        clearTimeout(timer)
        this.held.delete(release)
        resolve()
      }
      const timer = setTimeout(release, ms)
      this.held.add(release)
    })
  }

  callsTo(operationId: string): RecordedCall[] {
    return this.calls.filter((call) => call.operationId === operationId)
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.url)
    const text = await readBody(request)
    if (url.pathname.startsWith('/_codeload/')) return this.codeload(url.pathname, response)

    const found = this.api.match(request.method ?? 'GET', url.pathname)
    if (!found) {
      this.violations.push({ operationId: 'unknown', path: `${request.method} ${url.pathname}`, errors: ['no such operation in the description'] })
      return send(response, 404, { message: 'Not Found' })
    }
    const { operation, params } = found
    let body: unknown
    try {
      body = text === '' ? undefined : (JSON.parse(text) as unknown)
    } catch {
      body = text
    }
    const errors = this.api.validateRequest(operation, params, url.searchParams, body)
    errors.push(...this.githubRules(operation, body))
    const call: RecordedCall = {
      operationId: operation.id,
      method: operation.method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body,
      status: 0,
      authorization: request.headers.authorization
    }
    this.calls.push(call)
    if (errors.length > 0) {
      this.violations.push({ operationId: operation.id, path: url.pathname, errors })
      call.status = 422
      return send(response, 422, { message: 'Validation Failed', errors })
    }
    const fault = this.faults.find((candidate) => candidate.operationId === operation.id && (candidate.times === undefined || candidate.times > 0))
    if (fault) {
      if (fault.times !== undefined) fault.times--
      if (fault.holdMs !== undefined) await this.hold(fault.holdMs)
      if (response.destroyed) return // the client gave up waiting
      if (fault.afterEffect) this.answer(operation, params, url.searchParams, body as Json)
      if (fault.body !== undefined) {
        call.status = fault.status ?? 200
        return send(response, call.status, fault.body)
      }
      if (fault.status !== undefined) {
        call.status = fault.status
        for (const [name, value] of Object.entries(fault.headers ?? {})) response.setHeader(name, value)
        const answer = fault.message ? { message: fault.message, documentation_url: 'https://docs.github.com/rest' } : fault.status === 403 ? FORBIDDEN : { message: 'Server Error' }
        return send(response, fault.status, answer)
      }
    }
    const answer = this.answer(operation, params, url.searchParams, body as Json)
    call.status = answer.status
    if (answer.headers) for (const [name, value] of Object.entries(answer.headers)) response.setHeader(name, value)
    if (answer.body !== undefined) {
      const problems = this.api.validateResponse(operation, answer.status, answer.body)
      if (problems.length > 0) this.violations.push({ operationId: operation.id, path: `answer to ${url.pathname}`, errors: problems })
    }
    if (fault?.stallBodyMs !== undefined && answer.body !== undefined) {
      return this.stall(response, answer.status, { 'content-type': 'application/json; charset=utf-8' }, Buffer.from(JSON.stringify(answer.body)), fault.stallBodyMs)
    }
    send(response, answer.status, answer.body)
  }

  /** Headers and half the body, then nothing for `ms` (the client gives up, or gets the rest late). */
  private async stall(response: ServerResponse, status: number, headers: Record<string, string | number>, body: Buffer, ms: number): Promise<void> {
    response.writeHead(status, { ...headers, 'content-length': body.length })
    response.write(body.subarray(0, body.length >> 1))
    await this.hold(ms)
    if (!response.destroyed) response.end(body.subarray(body.length >> 1))
  }

  /** Rules GitHub enforces that the description does not express. */
  private githubRules(operation: Operation, body: unknown): string[] {
    const annotations = ((body as Json | undefined)?.output as Json | undefined)?.annotations
    if ((operation.id === 'checks/create' || operation.id === 'checks/update') && Array.isArray(annotations) && annotations.length > 50) {
      return [`${annotations.length} annotations in one request; GitHub takes at most 50`]
    }
    const text = (body as Json | undefined)?.body
    if (typeof text === 'string' && text.length > 65_536) return [`body of ${text.length} characters; GitHub takes at most 65536`]
    return []
  }

  private answer(operation: Operation, params: Record<string, string>, query: URLSearchParams, body: Json): { status: number; body?: unknown; headers?: Record<string, string> } {
    const number = Number(params.issue_number ?? params.pull_number)
    const now = new Date().toISOString()
    switch (operation.id) {
      case 'issues/list-comments':
        return paged(this.comments.get(number) ?? [], query, `${this.url}/repos/${params.owner}/${params.repo}/issues/${number}/comments`)
      case 'issues/create-comment': {
        const comment = { ...this.api.example('issue-comment'), id: this.id(), body: body.body, user: this.author(), created_at: now, updated_at: now }
        this.comments.set(number, [...(this.comments.get(number) ?? []), comment])
        return { status: 201, body: comment }
      }
      case 'issues/update-comment': {
        const comment = [...this.comments.values()].flat().find((c) => c.id === Number(params.comment_id))
        if (!comment) return { status: 404, body: { message: 'Not Found' } }
        Object.assign(comment, { body: body.body, updated_at: now })
        return { status: 200, body: comment }
      }
      case 'issues/delete-comment': {
        for (const [issue, comments] of this.comments) this.comments.set(issue, comments.filter((c) => c.id !== Number(params.comment_id)))
        return { status: 204 }
      }
      case 'users/get-authenticated':
        if (this.tokenLogin === undefined) return { status: 403, body: FORBIDDEN }
        return { status: 200, body: { ...(this.api.example('issue-comment').user as Json), login: this.tokenLogin, type: 'User' } }
      case 'checks/list-for-ref': {
        const runs = this.checkRuns.filter((run) => run.create.head_sha === params.ref && (!query.get('check_name') || run.create.name === query.get('check_name')))
        return { status: 200, body: { total_count: runs.length, check_runs: runs.map((run) => this.checkRunBody(run.id, run.create)) } }
      }
      case 'issues/list-for-repo': {
        const state = query.get('state') ?? 'open'
        const labels = (query.get('labels') ?? '').split(',').filter(Boolean)
        return {
          status: 200,
          body: this.issues.filter(
            (issue) =>
              (state === 'all' || issue.state === state) &&
              labels.every((label) => (issue.labels as Json[]).some((l) => l.name === label))
          )
        }
      }
      case 'issues/create-label': {
        if (this.labels.some((label) => label.name === body.name)) {
          return { status: 422, body: { message: 'Validation Failed', documentation_url: 'https://docs.github.com/rest/issues/labels#create-a-label', errors: [{ resource: 'Label', code: 'already_exists', field: 'name' }] } }
        }
        const label = { ...this.api.example('label'), id: this.id(), name: body.name, color: body.color, description: body.description ?? null }
        this.labels.push(label)
        return { status: 201, body: label }
      }
      case 'issues/create': {
        const issue = this.api.example('issue')
        delete issue.pull_request
        Object.assign(issue, {
          id: this.id(),
          user: this.author(),
          number: this.issues.length + 1,
          title: body.title,
          body: body.body,
          state: 'open',
          state_reason: null,
          closed_at: null,
          // Like GitHub, an unknown label is created on the fly with the default colour.
          labels: ((body.labels as string[] | undefined) ?? []).map((name) => this.labels.find((label) => label.name === name) ?? { ...this.api.example('label'), id: this.id(), name, color: 'ededed', description: null })
        })
        this.issues.push(issue)
        return { status: 201, body: issue }
      }
      case 'issues/update': {
        const issue = this.issues.find((candidate) => candidate.number === number)
        if (!issue) return { status: 404, body: { message: 'Not Found' } }
        for (const key of ['title', 'body', 'state', 'state_reason'] as const) if (key in body) issue[key] = body[key]
        if (body.state === 'closed') issue.closed_at = now
        return { status: 200, body: issue }
      }
      case 'checks/create': {
        const id = this.id()
        this.checkRuns.push({ id, create: body, updates: [] })
        return { status: 201, body: this.checkRunBody(id, body) }
      }
      case 'checks/update': {
        const run = this.checkRuns.find((candidate) => candidate.id === Number(params.check_run_id))
        if (!run) return { status: 404, body: { message: 'Not Found' } }
        run.updates.push(body)
        return { status: 200, body: this.checkRunBody(run.id, run.create) }
      }
      case 'pulls/list-review-comments':
        return { status: 200, body: this.reviewComments.get(number) ?? [] }
      case 'pulls/create-review-comment': {
        const comment = { ...this.api.example('pull-request-review-comment-example-for-a-multi-line-comment'), id: this.id(), body: body.body, path: body.path, line: body.line, commit_id: body.commit_id }
        this.reviewComments.set(number, [...(this.reviewComments.get(number) ?? []), comment])
        return { status: 201, body: comment }
      }
      case 'repos/compare-commits': {
        if (this.repository && !this.mergeBases.has(`${params.base}...${params.head}`)) return this.compareFromGit(this.repository, params.base!, params.head!)
        const mergeBase = this.mergeBases.get(`${params.base}...${params.head}`)
        if (mergeBase === undefined) return { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/commits/commits#compare-two-commits', status: '404' } }
        const comparison = this.api.example('commit-comparison')
        const example = comparison.merge_base_commit as Json
        return { status: 200, body: { ...comparison, merge_base_commit: { ...example, sha: mergeBase }, base_commit: { ...(comparison.base_commit as Json), sha: params.base } } }
      }
      case 'repos/get-content':
        return this.repository ? this.contentFromGit(this.repository, params.path!, query.get('ref') ?? 'HEAD') : { status: 404, body: { message: 'Not Found' } }
      case 'git/get-tree':
        return this.repository ? this.treeFromGit(this.repository, params.tree_sha!, query.has('recursive')) : { status: 404, body: { message: 'Not Found' } }
      case 'repos/download-tarball-archive':
        return this.tarballs.has(params.ref!)
          ? { status: 302, headers: { location: `${this.url}/_codeload/${params.ref}.tar.gz` } }
          : { status: 404, body: { message: 'Not Found' } }
      default:
        return { status: 501, body: { message: `the stand-in does not answer ${operation.id}` } }
    }
  }

  /**
   * Compare as GitHub answers it: the files git's rename detection finds between the merge base
   * and the head (status, blob of the head's side, previous name, line counts).
   */
  private compareFromGit(dir: string, base: string, head: string): { status: number; body: unknown } {
    const git = (...args: string[]): string => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' })
    let mergeBase: string
    try {
      mergeBase = git('merge-base', base, head).trim()
    } catch {
      return { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/commits/commits#compare-two-commits', status: '404' } }
    }
    const counts = new Map<string, { additions: number; deletions: number }>()
    const numstat = git('diff', '-M', '--numstat', '-z', mergeBase, head).split('\0')
    for (let at = 0; at < numstat.length - 1; ) {
      const [added, deleted, path] = numstat[at]!.split('\t')
      // A rename is `added\tdeleted\t`, then the old and the new name.
      const name = path === '' ? numstat[(at += 2)]! : path!
      at++
      counts.set(name, { additions: Number(added) || 0, deletions: Number(deleted) || 0 })
    }
    const statuses: Record<string, string> = { A: 'added', D: 'removed', M: 'modified', R: 'renamed', C: 'copied', T: 'changed' }
    const raw = git('diff', '-M', '--raw', '-z', '--no-abbrev', mergeBase, head).split('\0')
    const files: Json[] = []
    for (let at = 0; at < raw.length - 1; ) {
      const [, , baseBlob, headBlob, status] = raw[at++]!.slice(1).split(' ')
      const renamed = status!.startsWith('R') || status!.startsWith('C')
      const previous = renamed ? raw[at++]! : undefined
      const filename = raw[at++]!
      const { additions, deletions } = counts.get(filename) ?? { additions: 0, deletions: 0 }
      files.push({
        sha: status === 'D' ? baseBlob : headBlob,
        filename,
        status: statuses[status![0]!],
        additions,
        deletions,
        changes: additions + deletions,
        blob_url: `https://github.com/Codertocat/Hello-World/blob/${head}/${filename}`,
        raw_url: `https://github.com/Codertocat/Hello-World/raw/${head}/${filename}`,
        contents_url: `${this.url}/repos/Codertocat/Hello-World/contents/${filename}?ref=${head}`,
        ...(previous === undefined ? {} : { previous_filename: previous })
      })
    }
    const comparison = this.api.example('commit-comparison')
    const answered = this.compareFiles ? this.compareFiles(files) : files
    return {
      status: 200,
      body: {
        ...comparison,
        merge_base_commit: { ...(comparison.merge_base_commit as Json), sha: mergeBase },
        base_commit: { ...(comparison.base_commit as Json), sha: base },
        files: answered
      }
    }
  }

  /**
   * Contents as GitHub answers them: a file's bytes in base64 (none over 1 MB), a symbolic link
   * to a file of the repository answered with that file, other links and submodules described.
   */
  private contentFromGit(dir: string, path: string, ref: string): { status: number; body: unknown } {
    const git = (...args: string[]): Buffer => execFileSync('git', ['-C', dir, ...args])
    const entry = (at: string): { mode: string; sha: string } | undefined => {
      const line = git('ls-tree', '-z', '--full-tree', ref, '--', at).toString('utf8').split('\0')[0]
      if (!line) return undefined
      const [mode, , sha] = line.split('\t')[0]!.split(' ')
      return { mode: mode!, sha: sha! }
    }
    const notFound = { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/repos/contents#get-repository-content', status: '404' } }
    let found: { mode: string; sha: string } | undefined
    try {
      found = entry(path)
    } catch {
      return notFound
    }
    if (!found) return notFound
    const described = { ...this.api.example('content-file-response-if-content-is-a-file'), name: path.split('/').at(-1), path, sha: found.sha }
    if (found.mode === '040000') return { status: 200, body: [] }
    if (found.mode === '160000') return { status: 200, body: { ...this.api.example('content-file-response-if-content-is-a-submodule'), name: described.name, path, sha: found.sha } }
    let filePath = path
    let bytes = git('cat-file', 'blob', found.sha)
    if (found.mode === '120000') {
      const target = posixJoin(path, bytes.toString('utf8'))
      const followed = target === undefined ? undefined : entry(target)
      if (!followed || !followed.mode.startsWith('100')) {
        return { status: 200, body: { ...this.api.example('content-file-response-if-content-is-a-symlink'), target: bytes.toString('utf8'), size: bytes.length, name: described.name, path, sha: found.sha } }
      }
      filePath = target!
      bytes = git('cat-file', 'blob', followed.sha)
    }
    const large = bytes.length > 1024 * 1024
    return {
      status: 200,
      body: { ...described, name: filePath.split('/').at(-1), path: filePath, size: bytes.length, encoding: large ? 'none' : 'base64', content: large ? '' : bytes.toString('base64').replace(/.{60}/g, '$&\n') }
    }
  }

  /**
   * A tree as the git trees API answers it: a commit or tree id, its entries (recursive: every
   * entry below, folders too), cut at `treeEntryLimit` with `truncated: true`.
   */
  private treeFromGit(dir: string, treeSha: string, recursive: boolean): { status: number; body: unknown } {
    let listing: string
    let sha: string
    try {
      sha = execFileSync('git', ['-C', dir, 'rev-parse', '--verify', '--end-of-options', `${treeSha}^{tree}`], { encoding: 'utf8' }).trim()
      listing = execFileSync('git', ['-C', dir, 'ls-tree', '-z', '-l', ...(recursive ? ['-r', '-t'] : []), sha], { encoding: 'utf8', maxBuffer: 1 << 30 })
    } catch {
      return { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/git/trees#get-a-tree', status: '404' } }
    }
    const entries = listing
      .split('\0')
      .filter(Boolean)
      .map((line) => {
        const [meta, path] = [line.slice(0, line.indexOf('\t')), line.slice(line.indexOf('\t') + 1)]
        const [mode, type, object, size] = meta.split(/\s+/)
        const url = `${this.url}/repos/Codertocat/Hello-World/git/${type}s/${object}`
        return { path, mode, type, sha: object, ...(type === 'blob' ? { size: Number(size) } : {}), url }
      })
    const truncated = recursive && entries.length > this.treeEntryLimit
    return { status: 200, body: { sha, url: `${this.url}/repos/Codertocat/Hello-World/git/trees/${sha}`, tree: truncated ? entries.slice(0, this.treeEntryLimit) : entries, truncated } }
  }

  private checkRunBody(id: number, create: Json): Json {
    const example = this.api.example('check-run-example-of-completed-conclusion')
    return { ...example, id, name: create.name, head_sha: create.head_sha, external_id: create.external_id ?? null, status: create.status ?? 'completed', conclusion: create.conclusion ?? null }
  }

  private async codeload(pathname: string, response: ServerResponse): Promise<void> {
    const sha = pathname.replace('/_codeload/', '').replace(/\.tar\.gz$/, '')
    const tarball = this.tarballs.get(sha)
    if (!tarball) return send(response, 404, { message: 'Not Found' })
    const fault = this.faults.find((candidate) => candidate.operationId === '_codeload' && (candidate.times === undefined || candidate.times > 0))
    if (fault?.times !== undefined) fault.times--
    if (fault?.stallBodyMs !== undefined) return this.stall(response, 200, { 'content-type': 'application/x-gzip' }, tarball, fault.stallBodyMs)
    response.writeHead(200, { 'content-type': 'application/x-gzip', 'content-length': tarball.length })
    response.end(tarball)
  }

  /** Who the stand-in's token writes as. */
  private author(): Json {
    return { ...(this.api.example('issue-comment').user as Json), login: this.tokenLogin ?? 'github-actions[bot]', type: this.tokenLogin ? 'User' : 'Bot' }
  }

  private id(): number {
    return this.nextId++
  }
}

/** One page of a list as GitHub answers it: `per_page` (30, at most 100) from `page`, with a Link header naming the next and last pages. */
function paged(items: Json[], query: URLSearchParams, url: string): { status: number; body: Json[]; headers?: Record<string, string> } {
  const perPage = Math.min(100, Number(query.get('per_page') ?? 30))
  const page = Number(query.get('page') ?? 1)
  const last = Math.max(1, Math.ceil(items.length / perPage))
  const body = items.slice((page - 1) * perPage, page * perPage)
  if (page >= last) return { status: 200, body }
  const at = (n: number) => `<${url}?per_page=${perPage}&page=${n}>`
  return { status: 200, body, headers: { link: `${at(page + 1)}; rel="next", ${at(last)}; rel="last"` } }
}

function send(response: ServerResponse, status: number, body: unknown): void {
  if (body === undefined) {
    response.writeHead(status)
    response.end()
    return
  }
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
  response.end(JSON.stringify(body))
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    request.on('error', reject)
  })
}

/** A link's target as a repository path, or undefined when it leaves the repository. */
function posixJoin(link: string, target: string): string | undefined {
  if (target.startsWith('/')) return undefined
  const parts = link.split('/').slice(0, -1)
  for (const part of target.split('/')) {
    if (part === '' || part === '.') continue
    if (part === '..') {
      if (parts.length === 0) return undefined
      parts.pop()
    } else parts.push(part)
  }
  return parts.join('/')
}
