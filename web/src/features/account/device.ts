/** A short name for the browser and system of a User-Agent ("Chrome on Linux"), or the string itself. */
export function describeDevice(userAgent: string): string {
  if (!userAgent) return 'Unknown';
  const browser = [
    ['Edge', /Edg\//],
    ['Opera', /OPR\//],
    ['Firefox', /Firefox\//],
    ['Chrome', /(Chrome|Chromium|CriOS)\//],
    ['Safari', /Version\/[\d.]+.*Safari\//],
    ['curl', /^curl\//],
  ].find(([, pattern]) => (pattern as RegExp).test(userAgent))?.[0] as string | undefined;
  const system = (
    [
      ['Android', /Android/],
      ['iOS', /iPhone|iPad|iPod/],
      ['Windows', /Windows/],
      ['macOS', /Mac OS X|Macintosh/],
      ['Linux', /Linux|X11/],
    ] as const
  ).find(([, pattern]) => pattern.test(userAgent))?.[0];
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? (userAgent.length > 60 ? `${userAgent.slice(0, 57)}…` : userAgent);
}
