import { describe, expect, it } from 'vitest';
import {
  allowedActions, decide, requestActions, requestStates, type Party, type RequestAction, type RequestState, type WorkflowContext,
} from '../../server/modules/requests/workflow.js';

const direct = { approveRequests: false, approveReplies: false };
const viaCoordinators = { approveRequests: true, approveReplies: true };
const allParties: Party[] = ['requester-handler', 'responder-handler', 'requester-coordinator', 'responder-coordinator', 'referral-coordinator', 'responder-allocator'];

function ctx(parties: Party[], overrides: Partial<WorkflowContext> = {}): WorkflowContext {
  return { parties: new Set(parties), requesterRouting: direct, responderRouting: direct, complete: true, allocationOn: false, ...overrides };
}

/** Takes the actions in turn, each by the party named, and returns the states passed through. */
function run(steps: [RequestAction, Party][], overrides: Partial<WorkflowContext> = {}, from: RequestState = 'DRAFT'): RequestState[] {
  const states: RequestState[] = [from];
  for (const [action, party] of steps) {
    const decision = decide(states.at(-1)!, action, ctx([party], overrides));
    if (!decision.allowed) throw new Error(`${action} by ${party} in ${states.at(-1)}: ${decision.reason}`);
    states.push(decision.to);
  }
  return states;
}

describe('request workflow', () => {
  it('runs the four steps directly: send, accept, reply, close', () => {
    expect(run([['send', 'requester-handler'], ['accept', 'responder-handler'], ['reply', 'responder-handler'], ['close', 'requester-handler']]))
      .toEqual(['DRAFT', 'AWAITING_ACCEPTANCE', 'ACCEPTED', 'ANSWERED', 'CLOSED']);
  });

  it('routes requests and replies through the request coordinators where a state chose so', () => {
    const routed = { requesterRouting: viaCoordinators, responderRouting: viaCoordinators };
    expect(run([
      ['send', 'requester-handler'], ['approve', 'requester-coordinator'], ['accept', 'responder-handler'],
      ['reply', 'responder-handler'], ['approve', 'responder-coordinator'],
    ], routed)).toEqual(['DRAFT', 'AWAITING_APPROVAL', 'AWAITING_ACCEPTANCE', 'ACCEPTED', 'AWAITING_REPLY_APPROVAL', 'ANSWERED']);
    expect(decide('AWAITING_APPROVAL', 'approve', ctx(['responder-coordinator'], routed)).allowed).toBe(false);
    expect(decide('AWAITING_REPLY_APPROVAL', 'approve', ctx(['requester-coordinator'], routed)).allowed).toBe(false);
    expect(run([['reject-approval', 'requester-coordinator']], routed, 'AWAITING_APPROVAL')).toEqual(['AWAITING_APPROVAL', 'DRAFT']);
    expect(run([['reject-approval', 'responder-coordinator']], routed, 'AWAITING_REPLY_APPROVAL')).toEqual(['AWAITING_REPLY_APPROVAL', 'ACCEPTED']);
  });

  it('goes round clarifications and referrals', () => {
    expect(run([['request-clarification', 'requester-handler'], ['answer-clarification', 'responder-handler']], {}, 'ANSWERED'))
      .toEqual(['ANSWERED', 'CLARIFICATION_REQUESTED', 'ANSWERED']);
    expect(run([['refer', 'requester-handler'], ['resolve-referral', 'referral-coordinator']], { referralOutcome: 'reply-again' }, 'ANSWERED'))
      .toEqual(['ANSWERED', 'REFERRED', 'ACCEPTED']);
    expect(run([['resolve-referral', 'referral-coordinator']], { referralOutcome: 'reply-stands' }, 'REFERRED')).toEqual(['REFERRED', 'ANSWERED']);
    expect(decide('REFERRED', 'resolve-referral', ctx(['referral-coordinator'])).allowed).toBe(false);
  });

  it('refuses to send an incomplete draft, and allocation where it is switched off', () => {
    expect(decide('DRAFT', 'send', ctx(['requester-handler'], { complete: false }))).toMatchObject({ allowed: false, reason: expect.stringMatching(/required/) });
    expect(decide('ACCEPTED', 'allocate', ctx(['responder-allocator'])).allowed).toBe(false);
    expect(decide('ACCEPTED', 'allocate', ctx(['responder-allocator'], { allocationOn: true })).allowed).toBe(true);
  });

  it('lets the requester withdraw only before the request is answered', () => {
    const withdrawable = requestStates.filter((s) => decide(s, 'withdraw', ctx(['requester-handler'])).allowed);
    expect(withdrawable).toEqual(['AWAITING_APPROVAL', 'AWAITING_ACCEPTANCE', 'ACCEPTED', 'AWAITING_REPLY_APPROVAL']);
  });

  it('lets the responder act only on a sent request, and nobody act on a closed or withdrawn one but to reuse it', () => {
    const responder = ctx(['responder-handler', 'responder-coordinator', 'responder-allocator'], { allocationOn: true });
    expect(allowedActions('DRAFT', responder)).toEqual([]);
    expect(allowedActions('AWAITING_APPROVAL', responder)).toEqual([]);
    const everyone = ctx(allParties, { allocationOn: true });
    expect(allowedActions('CLOSED', everyone)).toEqual(['reuse']);
    expect(allowedActions('WITHDRAWN', everyone)).toEqual(['reuse']);
  });

  it('offers nothing to a user who takes no part in the request', () => {
    for (const state of requestStates) expect(allowedActions(state, ctx([]))).toEqual([]);
  });

  it('reaches every state from a draft, and every action from some state', () => {
    const contexts = [direct, viaCoordinators].flatMap((routing) => (['reply-stands', 'reply-again'] as const).map((referralOutcome) =>
      ctx(allParties, { requesterRouting: routing, responderRouting: routing, allocationOn: true, referralOutcome })));
    const reached = new Set<RequestState>(['DRAFT']);
    const used = new Set<RequestAction>();
    const queue: RequestState[] = ['DRAFT'];
    while (queue.length) {
      const state = queue.shift()!;
      for (const c of contexts) {
        for (const action of requestActions) {
          const decision = decide(state, action, c);
          if (!decision.allowed) continue;
          used.add(action);
          if (!reached.has(decision.to)) {
            reached.add(decision.to);
            queue.push(decision.to);
          }
        }
      }
    }
    expect([...reached].sort()).toEqual([...requestStates].sort());
    expect([...used].sort()).toEqual([...requestActions].sort());
  });

  /**
   * SPEC §5.1 written out once more, independently of the table in the code: who may take each action, in which
   * states. Every state × action × party is checked against it, and a refusal says whether the state or the party
   * stood in the way.
   */
  const open = 'ACCEPTED AWAITING_REPLY_APPROVAL ANSWERED CLARIFICATION_REQUESTED REFERRED';
  const expected = `
    send                  requester-handler      DRAFT
    approve               requester-coordinator  AWAITING_APPROVAL
    approve               responder-coordinator  AWAITING_REPLY_APPROVAL
    reject-approval       requester-coordinator  AWAITING_APPROVAL
    reject-approval       responder-coordinator  AWAITING_REPLY_APPROVAL
    accept                responder-handler      AWAITING_ACCEPTANCE
    forward               responder-handler      AWAITING_ACCEPTANCE ACCEPTED
    split                 responder-handler      AWAITING_ACCEPTANCE ACCEPTED
    reply                 responder-handler      ACCEPTED
    request-clarification requester-handler      ANSWERED
    answer-clarification  responder-handler      CLARIFICATION_REQUESTED
    refer                 requester-handler      ANSWERED
    resolve-referral      referral-coordinator   REFERRED
    close                 requester-handler      ANSWERED
    withdraw              requester-handler      AWAITING_APPROVAL AWAITING_ACCEPTANCE ACCEPTED AWAITING_REPLY_APPROVAL
    allocate              responder-allocator    AWAITING_ACCEPTANCE ACCEPTED CLARIFICATION_REQUESTED
    message               requester-handler      ${open}
    message               responder-handler      ${open}
    reuse                 requester-handler      ${requestStates.join(' ')}`;
  const allowed = new Set(expected.trim().split('\n').flatMap((line) => {
    const [action, party, ...states] = line.trim().split(/\s+/);
    return states.map((state) => `${state} ${action} ${party}`);
  }));

  it('allows exactly what SPEC §5.1 allows, for every state × action × party', () => {
    const wrong: string[] = [];
    for (const state of requestStates) for (const action of requestActions) for (const party of allParties) {
      const decision = decide(state, action, ctx([party], { allocationOn: true, referralOutcome: 'reply-stands' }));
      const key = `${state} ${action} ${party}`;
      if (decision.allowed !== allowed.has(key)) wrong.push(`${key}: ${decision.allowed ? 'allowed' : 'refused'}`);
      if (!decision.allowed && !allowed.has(key)) {
        const stateAllows = allParties.some((p) => allowed.has(`${state} ${action} ${p}`));
        if (decision.refusal !== (stateAllows ? 'party' : 'state')) wrong.push(`${key}: refused for its ${decision.refusal}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(allowed.size).toBe(43);
  });
});
