// Console population and places page texts (English); same keys as population.zh-CN.ts.
import type { populationZhCN } from './population.zh-CN.ts';
import type { Widen } from '../zh-CN.ts';

export const populationEn: Widen<typeof populationZhCN> = {
  title: 'Population and places',
  description:
    'Each street’s resident children aged 1–3 and newborns per year (every entry and correction kept; reports use the figure in force), and each house’s approved places',
  tabPopulation: 'Resident children',
  tabPlaces: 'Places',
  year: 'Year',
  street: 'Street',
  children: 'Children aged 1–3',
  newborns: 'Newborns',
  source: 'Source',
  asOf: 'As of',
  recordedBy: 'Recorded by',
  history: 'History',
  historyCount: '{n} versions',
  none: 'Not entered',
  record: 'Enter / correct',
  recordTitle: 'Figures of {street} for {year}',
  note: 'Note',
  save: 'Save',
  saved: 'Saved',
  import: 'Import Excel',
  template: 'Download template',
  importTitle: 'Import resident children',
  importSend: 'Import',
  importDone: '{added} added, {unchanged} unchanged, {refused} not imported',
  row: 'Row {row}',
  outcomes: { added: 'Added', unchanged: 'Unchanged', refused: 'Not imported' },
  house: 'House',
  approvedPlaces: 'Approved places',
  legalCapacity: 'Legal capacity',
  placesSaved: 'Places saved',
  streetPlaces: 'Places in the street: {places} (legal capacity {capacity})',
};
