/**
 * Hands a fetched file to the browser as a download, named as the server's Content-Disposition
 * says (`fallback` otherwise). Files are fetched rather than linked so the request carries the
 * UI's language and the page can show its progress.
 */
export function saveAsFile(data: Blob, response: Response, fallback: string): void {
  const disposition = response.headers.get('content-disposition') ?? '';
  const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallback;
  const url = URL.createObjectURL(data);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
