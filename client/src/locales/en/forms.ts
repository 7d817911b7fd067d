/** Form building blocks: field errors and the submit button's list of missing fields. */
export const forms = {
  'forms.required': 'Required.',
  'forms.tooShort': 'At least {n} characters.',
  'forms.tooLong': 'At most {n} characters.',
  'forms.tooLow': 'At least {n}.',
  'forms.tooHigh': 'At most {n}.',
  'forms.invalid': 'This value is not accepted.',
  'forms.missing': 'Still to fill in: {fields}.',
  'forms.listSeparator': ', ',
};
