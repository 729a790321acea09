export { describeProviderContract, type ProviderContractOptions } from './contract.js';
