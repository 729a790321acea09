import { describeKingdeeContract, describeWinitContract } from '../../index.js';

// Run by live.test.ts through `inv-contract --live`: both suites configured only by INV_* variables.
describeKingdeeContract();
describeWinitContract();
