// Whose contact it is: the customer id the caller's system sent (attribute `customerId`), else
// the number to call back. A customer's history is kept per client under this key.

export function customerKeyOf(
  attributes: Readonly<Record<string, string>> | undefined,
  callbackNumber: string | undefined,
): string | undefined {
  const id = attributes?.['customerId']?.trim();
  if (id !== undefined && id !== '') return `id:${id}`;
  return callbackNumber === undefined ? undefined : `tel:${callbackNumber}`;
}
