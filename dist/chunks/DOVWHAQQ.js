import{createRequire as __kcgRequire}from"node:module";const require=__kcgRequire(import.meta.url);
import{a,b,c,d}from"./73RVD4EJ.js";import"./UGLXQMIU.js";import"./EZ5GIBKK.js";import"./QKB264DE.js";import"./IM3TFGKT.js";export{c as gitMergeBase,a as gitTopLevel,b as resolveCommit,d as treeFromGit};
