import { describe, expect, it } from "vitest";
import { PROMPT_DESCRIPTION_MAX, PROMPT_TEMPLATE_VERSION, renderCompletion, renderPrompt, shortDescription } from "../src/index";
import { retrieved } from "../test-support/catalog";

const dialogue = {
  userQuery: "my phone fell\nin water",
  assistantResponse: null,
  history: [
    { role: "USER" as const, content: "hi" },
    { role: "ASSISTANT" as const, content: "hello" },
  ],
};

describe("the Eq. 1 prompt", () => {
  it("is versioned as toolrec-suggest-v2", () => {
    expect(PROMPT_TEMPLATE_VERSION).toBe("toolrec-suggest-v2");
  });

  it("renders history, user query and response on single lines, and ends where the completion starts", () => {
    const prompt = renderPrompt({ dialogue, k: 6 });
    expect(prompt).toContain("### Conversation\nUser: hi\nAssistant: hello\nUser: my phone fell in water\nAssistant: (no response)\n\n### Suggested queries\n");
    expect(prompt.endsWith("### Suggested queries\n")).toBe(true);
    expect(prompt).toMatch(/suggest the 6 queries the user is most likely to tap next/);
    expect(prompt).not.toContain("### Tools");
  });

  it("lists the retrieved tools in rank order with canonical query, name (when it differs) and a short description", () => {
    const tools = retrieved(["sound.clean_speaker", "storage.clear_cache"]);
    const prompt = renderPrompt({ dialogue, k: 3, tools });
    const section = prompt.slice(prompt.indexOf("### Tools"), prompt.indexOf("### Conversation"));
    const lines = section.trim().split("\n");
    expect(lines[0]).toBe("### Tools");
    // "Clean the speaker" is named "Clean speaker": both are shown; "Clear device cache" is its own name.
    expect(lines[1]).toBe('- "Clean the speaker" (Clean speaker): Plays a low tone that pushes water and dust out of the speaker grille.');
    expect(lines[2]).toMatch(/^- "Clear device cache": Deletes the temporary cached files/);
    expect(lines[2]).not.toContain("Helps when storage"); // first sentence only
    expect(prompt).toMatch(/one of the device tools listed/);
    expect(prompt.indexOf("### Tools")).toBeLessThan(prompt.indexOf("### Conversation"));
  });

  it("renders the same text for the same input (serving and export share it)", () => {
    const tools = retrieved(["sound.clean_speaker"]);
    expect(renderPrompt({ dialogue, k: 4, tools })).toBe(renderPrompt({ dialogue: { ...dialogue, history: [...dialogue.history] }, k: 4, tools: [...tools] }));
    expect(renderPrompt({ dialogue, k: 4, tools: [] })).toBe(renderPrompt({ dialogue, k: 4 }));
  });

  it("cuts a long first sentence at a word with an ellipsis", () => {
    const long = `${"word ".repeat(60)}end. Second sentence.`;
    const short = shortDescription(long);
    expect([...short].length).toBeLessThanOrEqual(PROMPT_DESCRIPTION_MAX);
    expect(short.endsWith("word…")).toBe(true);
    expect(shortDescription("One line\nwith a break. Then more.")).toBe("One line with a break.");
  });

  it("renders the completion as the K suggestions, one per line, in order", () => {
    expect(renderCompletion([{ text: "Clean the speaker" }, { text: "Why?\n" }, { text: " Tell\tme more " }])).toBe("Clean the speaker\nWhy?\nTell me more");
  });
});
