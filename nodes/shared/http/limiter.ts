/**
 * How many requests of one entry point (an execution) are in flight at once: a limit that finds
 * its own level below the node's Concurrency (the ceiling), shared by every request of the
 * execution (items, pages, batches, minted tokens, renewals' retirements).
 *
 * How it decides, after TCP's congestion control (AIMD), Netflix's concurrency-limits and Envoy's
 * adaptive concurrency filter, cut down to what fits a node that lives for one execution:
 *
 * - It starts low (`INITIAL`) and, while answers come back clean, grows by one per clean answer
 *   (doubling per round trip: TCP's slow start) up to the ceiling.
 * - 429 and 503 (and an attempt that timed out) are congestion: the limit is cut multiplicatively
 *   (`BACKOFF`), and never left above the number of requests Synqly still holds when it refuses
 *   one (every further refusal of the same round trip brings it down to that number: the level the
 *   API accepted). The refused level is a wall: the limit stays below it for `HOLD_MS`, so that
 *   the limiter does not knock on the same limit again and again (each knock costs a Retry-After
 *   for everyone); after that, and after every cut, it grows by one per round trip (additive).
 * - When the mean latency of a round trip's answers climbs to more than twice the lowest seen and
 *   `LATENCY_MARGIN_MS` above it, the API is queueing: the limit is cut the same way (Envoy's and
 *   Netflix's gradient, with a margin so that n8n's own event loop at 0 ms is not taken for it).
 * - A Retry-After (or backoff) that holds back everyone is a pause of the whole limiter: no
 *   request leaves before it ends, and then the waiting ones leave one after another, spaced by a
 *   round trip divided by the limit, not all at the same instant.
 *
 * One cut per round trip: answers to requests sent before the last cut do not cut again (a
 * refusal only clamps the limit to what is still in flight), as TCP counts one loss per window. A
 * round trip begins with its first answer and ends with the first answer to a request sent after
 * that.
 *
 * Pure apart from the clock (injectable), so its decisions can be tested without timing anything.
 */

/** The limit before anything is known. */
export const INITIAL = 4;
/** The multiplicative cut on congestion. */
export const BACKOFF = 0.7;
/** How long the level an API refused stays a wall the limit does not reach. */
export const HOLD_MS = 30_000;
/** How far above the lowest latency a round trip's mean must be (besides twice it) to count as climbing. */
export const LATENCY_MARGIN_MS = 50;
/** The most the sending of waiting requests after a pause is spread by, per request. */
const MAX_SPACING_MS = 50;

/** What an attempt met, as far as the limiter cares. */
export type Signal = 'clean' | 'congestion' | 'neutral';

export interface Ticket {
	/** When the attempt was sent (after any pause). */
	sentAt: number;
	/** The limiter's cut count when it was sent: congestion of an older round trip does not cut again. */
	epoch: number;
}

export class Limiter {
	/** The current limit (fractional while it grows by parts of one per answer). */
	private level: number;

	private inFlight = 0;

	/** Peak in flight seen, for tests and the bench. */
	peak = 0;

	/** Congestion signals seen (429, 503, timeouts, latency). */
	cuts = 0;

	private slowStart = true;

	private wall: { level: number; until: number } | undefined;

	private pausedUntil = 0;

	private nextRelease = 0;

	private minRtt = Infinity;

	/** The round trip under way: its answers so far, and when it began. */
	private window = { answers: 0, rttSum: 0, openedAt: 0 };

	private readonly waiting: Array<() => void> = [];

	constructor(
		readonly ceiling: number,
		private readonly now: () => number = Date.now,
	) {
		this.level = Math.min(ceiling, INITIAL);
	}

	/** The whole number of requests that may be in flight now. */
	get limit(): number {
		return Math.max(1, Math.min(this.ceiling, Math.floor(this.level)));
	}

	get active(): number {
		return this.inFlight;
	}

	/**
	 * Takes a place among the requests in flight: at once when there is room, else in line (first
	 * come, first served). `wait` sleeps (cancellable); the ticket says when the attempt went out.
	 */
	async acquire(wait: (ms: number) => Promise<void>): Promise<Ticket> {
		if (this.inFlight < this.limit && this.waiting.length === 0) this.inFlight += 1;
		else await new Promise<void>((resolve) => this.waiting.push(resolve));
		// The place is ours (release hands it over): now wait out a pause, if one holds everyone.
		for (let left = this.pausedUntil - this.now(); left > 0; left = this.pausedUntil - this.now()) {
			let waited = false;
			try {
				await wait(left + this.spacing());
				waited = true;
			} finally {
				// Cancelled while waiting: the place goes to the next one.
				if (!waited) this.release(undefined, 'neutral');
			}
		}
		this.peak = Math.max(this.peak, this.inFlight);
		return { sentAt: this.now(), epoch: this.cuts };
	}

	/**
	 * Holds back every request not yet sent for `ms` (a Retry-After, or a backoff that applies to
	 * everyone). The requests waiting when it ends leave spaced (`spacing`).
	 */
	pause(ms: number) {
		const until = this.now() + ms;
		if (until > this.pausedUntil) {
			this.pausedUntil = until;
			this.nextRelease = until;
		}
	}

	/** Gives the place back and learns from what the attempt met (undefined ticket: nothing was sent). */
	release(ticket: Ticket | undefined, signal: Signal) {
		this.inFlight -= 1;
		if (ticket) this.learn(ticket, signal);
		while (this.waiting.length > 0 && this.inFlight < this.limit) {
			this.inFlight += 1;
			(this.waiting.shift() as () => void)();
		}
	}

	private learn(ticket: Ticket, signal: Signal) {
		const now = this.now();
		if (this.wall && now >= this.wall.until) this.wall = undefined;
		if (signal === 'congestion') {
			// What Synqly still holds when it refuses one: the level it accepted.
			const held = Math.max(1, this.inFlight);
			const wall = this.inFlight + 1;
			this.wall = { level: Math.min(this.wall?.level ?? Infinity, wall), until: now + HOLD_MS };
			if (ticket.epoch === this.cuts) this.cut();
			this.level = Math.min(this.level, held);
			return;
		}
		if (signal !== 'clean') return;
		const rtt = now - ticket.sentAt;
		this.minRtt = Math.min(this.minRtt, rtt);
		if (this.slowStart) this.grow(1);
		// Answers sent before the last cut tell nothing about the limit after it.
		if (ticket.epoch !== this.cuts) return;
		// A round trip begins with its first answer, and ends with the first answer to a request
		// sent after that: then its answers are judged.
		if (this.window.answers === 0) this.window.openedAt = now;
		else if (ticket.sentAt >= this.window.openedAt) {
			const mean = this.window.rttSum / this.window.answers;
			this.window = { answers: 0, rttSum: 0, openedAt: now };
			if (mean > 2 * this.minRtt && mean - this.minRtt > LATENCY_MARGIN_MS) this.cut();
			else if (!this.slowStart) this.grow(1);
		}
		this.window.answers += 1;
		this.window.rttSum += rtt;
	}

	private grow(by: number) {
		const cap = Math.min(this.ceiling, this.wall ? this.wall.level - 1 : Infinity);
		if (this.level < cap) this.level = Math.min(cap, this.level + by);
	}

	private cut() {
		this.cuts += 1;
		this.slowStart = false;
		this.level = Math.max(1, this.level * BACKOFF);
		this.window = { answers: 0, rttSum: 0, openedAt: 0 };
	}

	/** The stagger of one waiting request after a pause: a round trip shared out over the limit. */
	private spacing(): number {
		const rtt = Number.isFinite(this.minRtt) ? this.minRtt : 0;
		const step = Math.min(MAX_SPACING_MS, rtt / this.limit);
		const at = Math.max(this.nextRelease, this.pausedUntil);
		this.nextRelease = at + step;
		return at - this.pausedUntil;
	}
}
