/**
 * The codings of each question, read from the store only when they changed. Every save writes a
 * new change stamp for its question (src/fieldwork/store/coding-stamps.ts) in its transaction, by
 * any server instance or command, so one lookup by key tells whether the arranged view
 * (src/coding/workspace/filter.ts) must be rebuilt. A store whose codings were saved before
 * stamps existed has none: then the count of rows and the sum of revisions (both change with
 * every save) are the signature, at the price of a scan per request until the next save.
 */
import type { Kysely } from 'kysely';
import { changeStamp } from '../../fieldwork/store/coding-stamps.js';
import { codingsOf } from '../../fieldwork/store/codings.js';
import type { FieldDatabase } from '../../fieldwork/store/schema.js';
import { codingView, type CodingView } from '../workspace/filter.js';

export class CodingViews {
  private readonly views = new Map<string, { signature: string; view: CodingView }>();
  constructor(private readonly db: Kysely<FieldDatabase>) {}

  private async signature(question: string): Promise<string> {
    const stamp = await changeStamp(this.db, 'codings', question);
    if (stamp !== undefined) return `stamp:${stamp}`;
    const row = await this.db
      .selectFrom('field_codings')
      .select((eb) => [eb.fn.countAll().as('n'), eb.fn.sum<number>('revision').as('r')])
      .where('question', '=', question)
      .executeTakeFirst();
    return `${Number(row?.n ?? 0)}:${Number(row?.r ?? 0)}`;
  }

  async of(question: string): Promise<CodingView> {
    const signature = await this.signature(question);
    const cached = this.views.get(question);
    if (cached?.signature === signature) return cached.view;
    const view = codingView(await codingsOf(this.db, question));
    this.views.set(question, { signature, view });
    return view;
  }
}
