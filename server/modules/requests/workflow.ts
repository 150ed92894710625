/**
 * The request workflow of SPEC §5.1 as one pure table: for every action, the states it starts from, who may take it,
 * what must hold, and the state it leads to. The requests service applies it inside one transaction with the audit
 * and timeline entries; nothing else changes a request's state.
 */
export const requestStates = [
  'DRAFT', 'AWAITING_APPROVAL', 'AWAITING_ACCEPTANCE', 'ACCEPTED', 'AWAITING_REPLY_APPROVAL', 'ANSWERED',
  'CLARIFICATION_REQUESTED', 'REFERRED', 'CLOSED', 'WITHDRAWN',
] as const;
export type RequestState = (typeof requestStates)[number];

export const requestActions = [
  'send', 'approve', 'reject-approval', 'accept', 'forward', 'split', 'reply', 'request-clarification',
  'answer-clarification', 'refer', 'resolve-referral', 'close', 'withdraw', 'allocate', 'message', 'reuse',
] as const;
export type RequestAction = (typeof requestActions)[number];

/**
 * How the acting user takes part in the request: as request handler of the requesting or responding authority, as the
 * request coordinator of either side, as the coordinator a referral went to, or as allocator of the responding side.
 */
export type Party =
  | 'requester-handler'
  | 'responder-handler'
  | 'requester-coordinator'
  | 'responder-coordinator'
  | 'referral-coordinator'
  | 'responder-allocator';

/** What a state (SPEC §5.2) or an authority chose for the routing of its requests and replies. */
export interface Routing {
  /** Outgoing requests wait for the requesting side's request coordinator. */
  approveRequests: boolean;
  /** Replies wait for the responding side's request coordinator. */
  approveReplies: boolean;
}

export interface WorkflowContext {
  parties: ReadonlySet<Party>;
  requesterRouting: Routing;
  responderRouting: Routing;
  /** Every required field of the draft is filled (red fields to save, all required fields to send). */
  complete: boolean;
  /** The responding authority switched allocation on for the area. */
  allocationOn: boolean;
  /** For resolve-referral: whether the coordinator sends the request back for a better reply. */
  referralOutcome?: 'reply-stands' | 'reply-again';
}

interface Rule {
  from: readonly RequestState[];
  /** Who may act; for approvals it depends on whose side the request waits on. */
  by: readonly Party[] | ((from: RequestState) => readonly Party[]);
  /** Why the action is refused in this context, or null when it may go ahead. */
  guard?: (ctx: WorkflowContext) => string | null;
  to: (from: RequestState, ctx: WorkflowContext) => RequestState;
}

const OPEN_AFTER_ACCEPTANCE = ['ACCEPTED', 'AWAITING_REPLY_APPROVAL', 'ANSWERED', 'CLARIFICATION_REQUESTED', 'REFERRED'] as const;
const stay = (from: RequestState) => from;
/** A request awaiting approval waits for its own side's request coordinator: the requester's, or the responder's for a reply. */
const approvingCoordinator = (from: RequestState): Party[] =>
  from === 'AWAITING_APPROVAL' ? ['requester-coordinator'] : ['responder-coordinator'];

export const workflow: Record<RequestAction, Rule> = {
  send: {
    from: ['DRAFT'], by: ['requester-handler'],
    guard: (ctx) => (ctx.complete ? null : 'Fill in every required field before sending.'),
    to: (_, ctx) => (ctx.requesterRouting.approveRequests ? 'AWAITING_APPROVAL' : 'AWAITING_ACCEPTANCE'),
  },
  approve: {
    from: ['AWAITING_APPROVAL', 'AWAITING_REPLY_APPROVAL'], by: approvingCoordinator,
    to: (from) => (from === 'AWAITING_APPROVAL' ? 'AWAITING_ACCEPTANCE' : 'ANSWERED'),
  },
  'reject-approval': {
    from: ['AWAITING_APPROVAL', 'AWAITING_REPLY_APPROVAL'], by: approvingCoordinator,
    to: (from) => (from === 'AWAITING_APPROVAL' ? 'DRAFT' : 'ACCEPTED'),
  },
  accept: { from: ['AWAITING_ACCEPTANCE'], by: ['responder-handler'], to: () => 'ACCEPTED' },
  forward: { from: ['AWAITING_ACCEPTANCE', 'ACCEPTED'], by: ['responder-handler'], to: () => 'AWAITING_ACCEPTANCE' },
  split: { from: ['AWAITING_ACCEPTANCE', 'ACCEPTED'], by: ['responder-handler'], to: stay },
  reply: {
    from: ['ACCEPTED'], by: ['responder-handler'],
    to: (_, ctx) => (ctx.responderRouting.approveReplies ? 'AWAITING_REPLY_APPROVAL' : 'ANSWERED'),
  },
  'request-clarification': { from: ['ANSWERED'], by: ['requester-handler'], to: () => 'CLARIFICATION_REQUESTED' },
  'answer-clarification': { from: ['CLARIFICATION_REQUESTED'], by: ['responder-handler'], to: () => 'ANSWERED' },
  refer: { from: ['ANSWERED'], by: ['requester-handler'], to: () => 'REFERRED' },
  'resolve-referral': {
    from: ['REFERRED'], by: ['referral-coordinator'],
    guard: (ctx) => (ctx.referralOutcome ? null : 'Say whether the reply stands or must be given again.'),
    to: (_, ctx) => (ctx.referralOutcome === 'reply-again' ? 'ACCEPTED' : 'ANSWERED'),
  },
  close: { from: ['ANSWERED'], by: ['requester-handler'], to: () => 'CLOSED' },
  withdraw: {
    from: ['AWAITING_APPROVAL', 'AWAITING_ACCEPTANCE', 'ACCEPTED', 'AWAITING_REPLY_APPROVAL'], by: ['requester-handler'],
    to: () => 'WITHDRAWN',
  },
  allocate: {
    from: ['AWAITING_ACCEPTANCE', 'ACCEPTED', 'CLARIFICATION_REQUESTED'], by: ['responder-allocator'],
    guard: (ctx) => (ctx.allocationOn ? null : 'Allocation is switched off for this authority and area.'),
    to: stay,
  },
  message: { from: OPEN_AFTER_ACCEPTANCE, by: ['requester-handler', 'responder-handler'], to: stay },
  reuse: { from: requestStates, by: ['requester-handler'], to: stay },
};

/** A refusal says why: the state does not allow the action, the user takes no part that may, or a guard failed. */
export type Decision = { allowed: true; to: RequestState } | { allowed: false; refusal: 'state' | 'party' | 'guard'; reason: string };

/** Whether the acting user may take `action` on a request in `state`, and where it leads. */
export function decide(state: RequestState, action: RequestAction, ctx: WorkflowContext): Decision {
  const rule = workflow[action];
  if (!rule.from.includes(state)) return { allowed: false, refusal: 'state', reason: `A request that is ${state} cannot be ${action}.` };
  const parties = typeof rule.by === 'function' ? rule.by(state) : rule.by;
  if (!parties.some((p) => ctx.parties.has(p))) return { allowed: false, refusal: 'party', reason: `You do not take part in this request in a way that lets you ${action} it.` };
  const refusal = rule.guard?.(ctx) ?? null;
  if (refusal) return { allowed: false, refusal: 'guard', reason: refusal };
  return { allowed: true, to: rule.to(state, ctx) };
}

/** Every party that may take the action in some state: a user who is none of them is refused whatever the state. */
export function partiesFor(action: RequestAction): Set<Party> {
  const { by, from } = workflow[action];
  return new Set(typeof by === 'function' ? from.flatMap((state) => by(state)) : by);
}

/**
 * The actions to offer the user (SPEC §5.1: every response that shows a request lists them). Guards that depend on
 * input given with the action itself (a referral's outcome) do not hide it.
 */
export function allowedActions(state: RequestState, ctx: WorkflowContext): RequestAction[] {
  return requestActions.filter((action) => decide(state, action, { ...ctx, referralOutcome: ctx.referralOutcome ?? 'reply-stands' }).allowed);
}
