/** How each identity document type reads on the card, the print and the page. */
export const DOCUMENT_TYPE_LABELS: Readonly<Record<string, string>> = {
  passport: 'Passport',
  id_card: 'Identity card',
  driving_licence: 'Driving licence',
  residence_permit: 'Residence permit',
};
