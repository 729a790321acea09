import { KINGDEE_SANDBOX_CREDENTIALS } from '@inv/kingdee-protocol';
import { describe, expect, it } from 'vitest';
import type { KingdeeSandboxAccount } from './options.js';
import { createTokenStore } from './tokens.js';

const account = KINGDEE_SANDBOX_CREDENTIALS.account;
const other: KingdeeSandboxAccount = { ...account, outerInstanceId: '999' };

describe('kingdee app-token store', () => {
  it('keeps at most maxPerAccount tokens per client + account, forgetting the oldest', () => {
    const store = createTokenStore(3);
    for (let i = 0; i < 5; i++) {
      store.issue(`t${i}`, { clientId: 'c', account, expiresAt: 1000 }, 0);
    }
    expect(store.size).toBe(3);
    expect(store.get('t0')).toBeUndefined();
    expect(store.get('t1')).toBeUndefined();
    expect(store.get('t4')?.clientId).toBe('c');
    // Another account, and another client, have their own bound.
    store.issue('o', { clientId: 'c', account: other, expiresAt: 1000 }, 0);
    store.issue('d', { clientId: 'd', account, expiresAt: 1000 }, 0);
    expect(store.size).toBe(5);
    expect(store.get('t2')).toBeDefined();
  });

  it('forgets expired tokens as new ones are issued', () => {
    const store = createTokenStore(1000);
    for (let i = 0; i < 10; i++) {
      store.issue(`t${i}`, { clientId: 'c', account, expiresAt: i * 10 + 100 }, i * 10);
    }
    expect(store.size).toBe(10);
    store.issue('late', { clientId: 'c', account, expiresAt: 1000 }, 155);
    // t0..t5 expired at 100..150; t6 (160) onwards remain.
    expect(store.size).toBe(5);
    expect(store.get('t5')).toBeUndefined();
    expect(store.get('t6')).toBeDefined();
  });

  it('issues in constant time: 200,000 tokens for one account stay at the bound', () => {
    // A scan of every token per issue is 2·10^10 steps here; this finishes in a blink.
    const store = createTokenStore(1000);
    for (let i = 0; i < 200_000; i++) {
      store.issue(`t${i}`, { clientId: 'c', account, expiresAt: 86_400_000 + i }, i);
    }
    expect(store.size).toBe(1000);
    expect(store.get('t199999')).toBeDefined();
    expect(store.get('t198999')).toBeUndefined();
  });

  it('refuses a bound that is not a positive integer', () => {
    expect(() => createTokenStore(0)).toThrow(/maxTokensPerAccount must be a positive integer/);
  });
});
