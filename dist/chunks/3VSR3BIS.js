import{createRequire as __kcgRequire}from"node:module";const require=__kcgRequire(import.meta.url);
import{c as a,d as b,e as c,f as d}from"./NTINLTFO.js";import"./IM3TFGKT.js";export{c as gitMergeBase,a as gitTopLevel,b as resolveCommit,d as treeFromGit};
