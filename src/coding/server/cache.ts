/**
 * The codings of each question, read from the store only when they changed. Every save inserts
 * a row or raises a row's revision by one, so the count of rows and the sum of revisions of a
 * question change with every save, by any server instance or command: a cheap query tells
 * whether the arranged view (src/coding/workspace/filter.ts) must be rebuilt.
 */
import type { Kysely } from 'kysely';
import { codingsOf } from '../../fieldwork/store/codings.js';
import type { FieldDatabase } from '../../fieldwork/store/schema.js';
import { codingView, type CodingView } from '../workspace/filter.js';

export class CodingViews {
  private readonly views = new Map<string, { signature: string; view: CodingView }>();
  constructor(private readonly db: Kysely<FieldDatabase>) {}

  async of(question: string): Promise<CodingView> {
    const row = await this.db
      .selectFrom('field_codings')
      .select((eb) => [eb.fn.countAll().as('n'), eb.fn.sum<number>('revision').as('r')])
      .where('question', '=', question)
      .executeTakeFirst();
    const signature = `${Number(row?.n ?? 0)}:${Number(row?.r ?? 0)}`;
    const cached = this.views.get(question);
    if (cached?.signature === signature) return cached.view;
    const view = codingView(await codingsOf(this.db, question));
    this.views.set(question, { signature, view });
    return view;
  }
}
