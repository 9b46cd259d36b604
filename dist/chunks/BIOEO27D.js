import{createRequire as __kcgRequire}from"node:module";const require=__kcgRequire(import.meta.url);
var e="docker.io/library/busybox:1.36.1@sha256:73aaf090f3d85aa34ee199857f03fa3a95c8ede2ffd4cc2cdb5b94e566b11662";var E="kube-compat-gate-evidence";export{e as a,E as b};
