// Direct GraphQL calls to the API (to find seeded data without hard-coding it).

export async function apiQuery<T>(apiUrl: string, apiKey: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(apiUrl, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${apiKey}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length || !body.data) {
    throw new Error(`API error: ${body.errors?.map((e) => e.message).join("; ") ?? `HTTP ${response.status}`}`);
  }
  return body.data;
}
