/** Saves a Blob as a file through a temporary link: no server, nothing leaves the page. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoke later: Chromium reads the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function fileStamp(date = new Date()): string {
  return date.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
}
