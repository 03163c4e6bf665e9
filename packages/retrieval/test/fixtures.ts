import type { ToolDocument } from "../src/types.js";

/** A handful of tools shaped like the catalog's, for unit tests that need no files. */
export const TOOLS: ToolDocument[] = [
  {
    id: "network.turn_on_wifi",
    name: "Turn on Wi-Fi",
    description: "Switches Wi-Fi on so the phone can join saved wireless networks.",
    canonicalQuery: "Turn on Wi-Fi",
    utterances: ["turn on wifi", "connect me to the internet at home", "enable wireless"],
    categoryId: "network",
  },
  {
    id: "network.turn_off_wifi",
    name: "Turn off Wi-Fi",
    description: "Switches Wi-Fi off to save battery or stop joining networks.",
    canonicalQuery: "Turn off Wi-Fi",
    utterances: ["turn off wifi", "disconnect from the wireless network", "kill the wifi"],
    categoryId: "network",
  },
  {
    id: "battery.turn_on_battery_saver",
    name: "Turn on battery saver",
    description: "Limits background activity so the battery lasts longer.",
    canonicalQuery: "Turn on battery saver",
    utterances: ["my battery is draining fast", "save battery", "make the charge last"],
    categoryId: "battery",
  },
  {
    id: "display.set_brightness",
    name: "Set screen brightness",
    description: "Changes how bright the screen is.",
    canonicalQuery: "Set brightness",
    utterances: ["the screen is too dark", "dim the display", "make it brighter"],
    categoryId: "display",
  },
  {
    id: "storage.clear_cache",
    name: "Clear device cache",
    description: "Deletes cached files that apps keep. Helps when storage is nearly full.",
    canonicalQuery: "Clear device cache",
    utterances: ["clear the cache on my phone", "storage is almost full", "wipe junk files"],
    categoryId: "storage",
  },
];
