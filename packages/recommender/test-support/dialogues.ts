// Realistic dialogues for the generators' tests and benchmarks (and the API's, later).
import type { PromptDialogue } from "../src/index";

/**
 * Realistic dialogues with the tools BM25 (the API's default retriever) returned for each over
 * the seed catalog, in its order (recorded with packages/retrieval's HybridRetriever, top 5).
 */
export interface DialogueCase {
  dialogue: PromptDialogue;
  tools: string[];
  /** Whether a user would expect device-tool chips here. */
  toolsFit: boolean;
}
const turn = (role: "USER" | "ASSISTANT", content: string) => ({ role, content });
export const DIALOGUE_CASES: Record<string, DialogueCase> = {
  lagging: {
    dialogue: { userQuery: "Why is my phone lagging?", assistantResponse: "Your phone may be slow because of a full cache or too many apps running in the background. Clearing the cache and closing background apps usually helps.", history: [] },
    tools: ["storage.clear_ram", "storage.clear_cache", "apps.close_recent_apps", "storage.clear_app_cache", "battery.optimize_battery_now"],
    toolsFit: true,
  },
  battery: {
    dialogue: { userQuery: "My battery drains so fast", assistantResponse: "Screen brightness and background activity use the most power. Lowering the brightness or turning on battery saver can help.", history: [] },
    tools: ["battery.turn_on_battery_saver", "battery.restrict_app_battery", "battery.check_battery_saver_status", "battery.turn_on_extreme_battery_saver", "battery.turn_off_battery_saver"],
    toolsFit: true,
  },
  speaker: {
    dialogue: { userQuery: "I can't hear anything from the speaker", assistantResponse: "Water or dust in the speaker grille can muffle sound. Try cleaning the speaker.", history: [] },
    tools: ["sound.clean_speaker", "sound.test_speaker", "accessibility.turn_on_sound_notifications", "sound.set_call_volume", "accessibility.open_sound_amplifier"],
    toolsFit: true,
  },
  weather: {
    dialogue: { userQuery: "What's the weather tomorrow in Paris?", assistantResponse: "Tomorrow in Paris it will be sunny with highs of 24°C.", history: [] },
    tools: ["media.query_current_song", "clock.set_time_format", "storage.show_storage_breakdown", "health.check_blood_oxygen", "system.search_screen_content"],
    toolsFit: false,
  },
  joke: {
    dialogue: { userQuery: "Tell me a joke", assistantResponse: "Why did the scarecrow win an award? Because he was outstanding in his field.", history: [] },
    tools: ["clock.query_time", "clock.query_date", "media.query_current_song", "system.check_phone_model", "display.check_brightness"],
    toolsFit: false,
  },
  screenshot: {
    dialogue: { userQuery: "How do I take a screenshot?", assistantResponse: "Press the power and volume down buttons together. The screenshot is saved to your gallery.", history: [] },
    tools: ["camera.turn_on_gesture_screenshot", "camera.take_screenshot", "accessibility.turn_on_accessibility_menu", "camera.take_scrolling_screenshot", "camera.take_photo"],
    toolsFit: true,
  },
  wifi: {
    dialogue: { userQuery: "Wi-Fi keeps disconnecting", assistantResponse: "Try forgetting the network and reconnecting, or restart your router.", history: [] },
    tools: ["network.turn_off_wifi", "network.scan_wifi_qr_code", "network.forget_wifi_network", "network.turn_off_wifi_calling", "network.turn_on_smart_network_switch"],
    toolsFit: true,
  },
  hot: {
    dialogue: { userQuery: "My phone gets really hot when charging", assistantResponse: "Some heat while charging is normal, but fast charging and heavy apps make it worse. Take off the case and avoid gaming while it charges.", history: [] },
    tools: ["battery.turn_off_fast_charging", "battery.check_battery_temperature", "battery.turn_on_bypass_charging", "battery.check_charging_status", "display.enable_stay_awake"],
    toolsFit: true,
  },
  alarmFollowUp: {
    dialogue: { userQuery: "Actually make it 6:30", assistantResponse: "Done, your alarm is now set for 6:30 AM.", history: [turn("USER", "Set an alarm for 7 am"), turn("ASSISTANT", "Your alarm is set for 7:00 AM.")] },
    tools: ["clock.set_alarm", "clock.turn_on_alarm", "clock.update_alarm", "sound.set_alarm_volume", "camera.set_video_resolution"],
    toolsFit: true,
  },
  brightScreen: {
    dialogue: { userQuery: "The screen is too bright at night", assistantResponse: "You can lower the brightness, or turn on dark mode and the blue light filter.", history: [] },
    tools: ["display.enable_night_light", "display.enable_dark_mode", "display.schedule_night_light", "display.disable_dark_mode", "display.open_night_light_settings"],
    toolsFit: true,
  },
  book: {
    dialogue: { userQuery: "Who wrote Pride and Prejudice?", assistantResponse: "Jane Austen wrote Pride and Prejudice, published in 1813.", history: [] },
    tools: [],
    toolsFit: false,
  },
  storage: {
    dialogue: { userQuery: "My storage is almost full", assistantResponse: "Photos, videos and app caches take the most space. You can clear the cache or review large files.", history: [] },
    tools: ["storage.clear_cache", "storage.show_storage_breakdown", "storage.clear_app_cache", "storage.free_up_space", "storage.move_files_to_sd_card"],
    toolsFit: true,
  },
  podcast: {
    dialogue: { userQuery: "Can you recommend a good podcast?", assistantResponse: "Try The Daily for news or Radiolab for science stories.", history: [] },
    tools: ["media.play_podcast", "health.set_app_timer", "system.change_wallpaper", "battery.check_battery_health", "apps.update_apps"],
    toolsFit: true,
  },
};

