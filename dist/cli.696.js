export const id = 696;
export const ids = [696];
export const modules = {

/***/ 7696:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  gitMergeBase: () => (/* binding */ gitMergeBase),
  gitTopLevel: () => (/* binding */ gitTopLevel),
  resolveCommit: () => (/* binding */ resolveCommit),
  treeFromGit: () => (/* binding */ treeFromGit)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
;// CONCATENATED MODULE: ./src/commits/commit-tree.ts





const run = (0,external_node_util_.promisify)(external_node_child_process_.execFile);
/** Commit content is data to scan, never code to run: git and tar get argument arrays, no shell. */
async function runTool(file, args, cwd) {
    const { stdout } = await run(file, [...args], { cwd, maxBuffer: 16 * 1024 * 1024, encoding: 'utf8' });
    return stdout;
}
async function makeTempDir(prefix) {
    const dir = await (0,promises_.mkdtemp)((0,external_node_path_.join)(process.env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(), prefix));
    return { dir, dispose: () => (0,promises_.rm)(dir, { recursive: true, force: true }) };
}
/**
 * Unpacks a tar archive. GNU and BSD tar both refuse members that climb out with `..` or
 * start with `/`; ownership and modes from the archive are not applied.
 */
async function extractTar(archive, into, options = {}) {
    const args = [options.gzip ? '-xzf' : '-xf', archive, '-C', into, '--no-same-owner', '--no-same-permissions'];
    if (options.stripComponents)
        args.push(`--strip-components=${options.stripComponents}`);
    await runTool('tar', args);
}

;// CONCATENATED MODULE: ./src/commits/git-tree.ts



/** The repository's top directory when `dir` is inside a git work tree. */
async function gitTopLevel(dir) {
    try {
        return (await runTool('git', ['-C', dir, 'rev-parse', '--show-toplevel'])).trim();
    }
    catch {
        return undefined;
    }
}
/** The full commit id a ref names, when that commit is in the local repository. */
async function resolveCommit(top, ref) {
    // `--end-of-options` keeps a ref that starts with '-' from being read as an option.
    try {
        return (await runTool('git', ['-C', top, 'rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`])).trim() || undefined;
    }
    catch {
        return undefined;
    }
}
/**
 * The best common ancestor of two commits, when the local repository holds both and enough of
 * their history to meet (a shallow checkout usually does not: git then finds none).
 */
async function gitMergeBase(top, a, b) {
    // A commit git does not have fails like commits without a common one: no answer either way.
    try {
        return (await runTool('git', ['-C', top, 'merge-base', '--end-of-options', a, b])).trim() || undefined;
    }
    catch {
        return undefined;
    }
}
/**
 * Writes the commit's copy of `scanRoot` (a directory inside the work tree `top`) to a
 * temporary directory with `git archive`: no checkout, no change to the repository.
 */
async function treeFromGit(top, sha, scanRoot) {
    const temp = await makeTempDir('kcg-base-');
    try {
        const sub = (0,external_node_path_.relative)(top, scanRoot).split(external_node_path_.sep).join('/');
        const archive = (0,external_node_path_.join)(temp.dir, 'tree.tar');
        const tree = (0,external_node_path_.join)(temp.dir, 'tree');
        await (0,promises_.mkdir)(tree);
        if (!sub || (await pathExists(top, sha, sub))) {
            await runTool('git', ['-C', top, 'archive', '--format=tar', '-o', archive, sha, ...(sub ? ['--', sub] : [])]);
            await extractTar(archive, tree);
        }
        const root = (0,external_node_path_.join)(tree, sub);
        await (0,promises_.mkdir)(root, { recursive: true }); // the path may not exist in that commit: then it declares nothing
        return { root, via: 'git', dispose: temp.dispose };
    }
    catch (error) {
        await temp.dispose();
        throw error;
    }
}
async function pathExists(top, sha, path) {
    try {
        await runTool('git', ['-C', top, 'cat-file', '-e', `${sha}:${path}`]);
        return true;
    }
    catch {
        return false;
    }
}


/***/ })

};
