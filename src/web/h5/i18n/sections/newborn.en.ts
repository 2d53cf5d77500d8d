// Parent H5 "report a newborn" texts (a family registering its own baby for the home visit) in English — the same
// keys as newborn.zh-CN.ts.
import type { H5Messages } from '../zh-CN.ts';

export const newbornEn: H5Messages['newborn'] = {
  entryTitle: 'Register a newborn',
  entryHint: 'A baby under one at home? Register and the community arranges a free home visit.',
  title: 'Register a newborn',
  why: 'Once registered, the community sends a visitor to your home, free, to help with feeding, care and other questions.',
  babyTitle: 'Baby',
  homeTitle: 'Home and contact',
  childName: 'Baby’s name',
  childNamePh: 'As on the birth certificate',
  sex: 'Sex',
  birthDate: 'Date of birth',
  birthDatePh: 'Choose the date of birth',
  street: 'Street',
  address: 'Home address',
  addressPh: 'The visitor comes here: include the house number',
  guardianName: 'Guardian',
  guardianNamePh: 'The parent the visitor asks for',
  phone: 'Phone',
  phoneNote: 'Your sign-in phone: the visitor calls it to agree a time',
  privacy: 'Used only for the home visit and stored encrypted: only the street and your visitor can see it.',
  save: 'Register',
  saved: 'Registered: the street will arrange your home visit',
  already: 'Your baby is already in the street’s newborn register: nothing more to do',
};
