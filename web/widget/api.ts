/** The widget's JSON calls to the desk, with the visitor token when there is one; errors carry the code. */
export function widgetApi(base: string, token: () => string | null) {
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const bearer = token();
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(body !== undefined && { 'content-type': 'application/json' }),
        ...(bearer && { authorization: `Bearer ${bearer}` }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const json = (await res.json().catch(() => ({}))) as T & { code?: string };
    if (!res.ok)
      throw Object.assign(new Error(json.code ?? 'error'), { status: res.status, code: json.code });
    return json;
  };
}
