export const id = 563;
export const ids = [563];
export const modules = {

/***/ 7563:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   toSmokeReport: () => (/* binding */ toSmokeReport)
/* harmony export */ });
function toSmokeReport(result) {
    return {
        passed: result.passed,
        mode: result.mode,
        ...result.cluster,
        namespace: result.namespace,
        evidenceDir: result.evidenceDir,
        workload: { ...result.workload },
        warnings: result.warnings,
        ...(result.error ? { error: result.error } : {}),
        cleanup: result.cleanup.map(({ ok, message }) => ({ ok, message })),
        kept: result.kept
    };
}


/***/ })

};
