export { scanArgs, wantsHelp, type ScannedArgs } from './args';
export { bothNames, loadConfig, type Builder, type Env, type LoadResult, type Origin } from './load';
export {
  choice,
  choiceList,
  decimal,
  fail,
  filePath,
  flagSwitch,
  int,
  intList,
  mapped,
  natsUrls,
  ok,
  positive,
  text,
  type DecimalBounds,
  type Parsed,
  type Parser,
  type TextRule,
} from './parsers';
export { defaultShown, renderHelp, renderMarkdownTable, type DefaultShown } from './render';
export { defineSchema, derived, optional, required, setting, type Fallback, type ProgramInfo, type Read, type Schema, type Setting, type SettingSpec } from './setting';
export { EXIT_BAD_CONFIG, startupConfig, type StartupIo } from './startup';
export { DEFAULT_NATS_URL, LOG_LEVELS, logLevelSetting, natsUrlSetting, type LogLevel } from './common';
export { NATS_AUTH_SETTINGS, readNatsAuth, type NatsAuthFiles } from './nats-auth';
