import { describeKingdeeContract } from '../src/index.js';

// `pnpm contract`: the in-process sandbox by default; INV_CONTRACT_TARGET=live and the
// INV_KINGDEE_* variables point the same suite at the real gateway (docs/contract-testing.md).
describeKingdeeContract();
