/** The builder of every table kind (catalogue §2, T1–T28), by the spec's kind name. */
import type { TableKindName } from '../../spec/schema.js';
import type { Builder } from '../shared.js';
import { averageShare } from './average-share.js';
import { buckets } from './buckets.js';
import { countPercent } from './count-percent.js';
import { crossTab } from './cross-tab.js';
import { frequency } from './frequency.js';
import { funnel } from './funnel.js';
import { itemGrid } from './item-grid.js';
import { itemGridBy } from './item-grid-by.js';
import { itemGridWithN } from './item-grid-with-n.js';
import { itemShareList } from './item-share.js';
import { itemShareBy } from './item-share-by.js';
import { likert3 } from './likert3.js';
import { likert4 } from './likert4.js';
import { likert5 } from './likert5.js';
import { likert5Nvt } from './likert5-nvt.js';
import { likertReversed } from './likert-reversed.js';
import { multipleResponse } from './multiple-response.js';
import { multipleResponseBy } from './multiple-response-by.js';
import { overview } from './overview.js';
import { populationSampleResponse } from './population-sample-response.js';
import { profile } from './profile.js';
import { ranking } from './ranking.js';
import { rating } from './rating.js';
import { ratingMeanBy } from './rating-mean-by.js';
import { subQuestions } from './sub-questions.js';
import { themes } from './themes.js';
import { trend } from './trend.js';
import { yesNoGrid } from './yes-no-grid.js';

export const BUILDERS: Readonly<Record<TableKindName, Builder>> = {
  frequency, // T1 SC
  multipleResponse, // T2 MR
  itemShare: itemShareList, // T3 IS
  likert5, // T4 LK5
  likert5Nvt, // T5 LK5N
  likert3, // T6 LK3
  likert4, // T7 LK4
  likertReversed, // T8 LKR6
  itemGrid, // T9 OG
  yesNoGrid, // T10 YN
  ranking, // T11 RK
  trend, // T12 TR
  subQuestions, // T13 QC
  crossTab, // T14 XS
  multipleResponseBy, // T15 XM
  itemGridBy, // T16 SG
  itemShareBy, // T17 XI
  rating, // T18 RT
  ratingMeanBy, // T19 RM
  buckets, // T20 BK
  averageShare, // T21 AV
  themes, // T22 OA
  populationSampleResponse, // T23 PSR
  itemGridWithN, // T24 SN
  funnel, // T25 FN
  profile, // T26 BG
  countPercent, // T27 CP
  overview, // T28 OV
};

/** Catalogue code of each kind (seed catalogue §2). */
export const CATALOGUE_CODE: Readonly<Record<TableKindName, string>> = {
  frequency: 'T1 SC',
  multipleResponse: 'T2 MR',
  itemShare: 'T3 IS',
  likert5: 'T4 LK5',
  likert5Nvt: 'T5 LK5N',
  likert3: 'T6 LK3',
  likert4: 'T7 LK4',
  likertReversed: 'T8 LKR6',
  itemGrid: 'T9 OG',
  yesNoGrid: 'T10 YN',
  ranking: 'T11 RK',
  trend: 'T12 TR',
  subQuestions: 'T13 QC',
  crossTab: 'T14 XS',
  multipleResponseBy: 'T15 XM',
  itemGridBy: 'T16 SG',
  itemShareBy: 'T17 XI',
  rating: 'T18 RT',
  ratingMeanBy: 'T19 RM',
  buckets: 'T20 BK',
  averageShare: 'T21 AV',
  themes: 'T22 OA',
  populationSampleResponse: 'T23 PSR',
  itemGridWithN: 'T24 SN',
  funnel: 'T25 FN',
  profile: 'T26 BG',
  countPercent: 'T27 CP',
  overview: 'T28 OV',
};
