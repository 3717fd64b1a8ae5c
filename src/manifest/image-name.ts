/**
 * The repository service's image check at register, as it behaves (docs/core/README.md#manifest): the name
 * after the last `/` may have at most 48 characters, and from the first character outside
 * [a-zA-Z0-9-] at most one more character may follow on its line. So a single trailing odd
 * character passes (`pluginx_`) while one inside the name fails (`plugin_aws`). The harness
 * accepts what the service accepts and warns where the service is more lenient than its rule.
 */

export const MAX_IMAGE_NAME_LENGTH = 48;

export type ImageNameVerdict =
  | { ok: true; name: string; tolerated?: string }
  | { ok: false; name: string; reason: string; error: 'ERROR_INVALID_IMAGE_LENGTH' | 'ERROR_INVALID_IMAGE_NAME_FORMAT' };

export function judgeImageName(image: string): ImageNameVerdict {
  const name = image.slice(image.lastIndexOf('/') + 1);
  // The service counts characters (code points), not UTF-16 units.
  const length = [...name].length;
  if (length > MAX_IMAGE_NAME_LENGTH) {
    return { ok: false, name, error: 'ERROR_INVALID_IMAGE_LENGTH', reason: `the image name "${name}" has ${length} characters, more than ${MAX_IMAGE_NAME_LENGTH}` };
  }
  const firstOther = name.search(/[^a-zA-Z0-9-]/);
  if (firstOther === -1) return { ok: true, name };
  // The service's match runs from the first other character to the end of that line.
  const rest = /^[^\n]*/.exec(name.slice(firstOther))?.[0] ?? '';
  if ([...rest].length > 1) {
    return { ok: false, name, error: 'ERROR_INVALID_IMAGE_NAME_FORMAT', reason: `the image name "${name}" has "${name[firstOther]}" at position ${firstOther + 1}; only letters, digits and - are allowed` };
  }
  return { ok: true, name, tolerated: name.slice(firstOther) };
}
