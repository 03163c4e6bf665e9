/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment CalibrationConfigFields on CalibrationConfig { alpha gamma k mu muMode s userSide systemSide }\n": typeof types.CalibrationConfigFieldsFragmentDoc,
    "\n  query CalibrationDefaults { calibrationDefaults { ...CalibrationConfigFields } }\n": typeof types.CalibrationDefaultsDocument,
    "\n  fragment HistogramFields on WeightHistogram { min max edges counts below above nan }\n  fragment LabelHistogramsFields on LabelHistograms { desirable { ...HistogramFields } undesirable { ...HistogramFields } }\n": typeof types.HistogramFieldsFragmentDoc,
    "\n  fragment CalibrationBreakdownFields on CalibrationBreakdown {\n    desirable userSide uctr mu s z t alpha wU systemSide toolInvoking toolId p gamma k pToTheK dynamicBoost staticBoost wS\n    combination weight masked steps\n  }\n": typeof types.CalibrationBreakdownFieldsFragmentDoc,
    "\n  query CalibrationPreview($window: TimeWindowInput, $config: CalibrationConfigInput) {\n    calibrationPreview(window: $window, config: $config) {\n      from to config { ...CalibrationConfigFields }\n      sampleCount desirableCount undesirableCount maskedCount toolInvokingCount userCount mu s weightSum effectiveSampleSize\n      cached computeMs\n      histograms {\n        wU { ...LabelHistogramsFields }\n        wS { ...LabelHistogramsFields }\n        weight { ...LabelHistogramsFields }\n      }\n    }\n  }\n": typeof types.CalibrationPreviewDocument,
    "\n  query CalibrationPreviewSamples($window: TimeWindowInput, $config: CalibrationConfigInput, $first: Int, $after: String, $filter: PreferenceSampleFilter) {\n    calibrationPreview(window: $window, config: $config) {\n      samples(first: $first, after: $after, filter: $filter) {\n        totalCount\n        pageInfo { hasNextPage endCursor }\n        edges {\n          cursor\n          node {\n            index impressionId userId label masked uctr toolInvoking toolId frequencyPercentile wU wS weight\n            breakdown { ...CalibrationBreakdownFields }\n          }\n        }\n      }\n    }\n  }\n": typeof types.CalibrationPreviewSamplesDocument,
    "\n  query CalibrationPreviewUsers($window: TimeWindowInput, $config: CalibrationConfigInput, $first: Int, $after: String, $orderBy: PreferenceUserOrder) {\n    calibrationPreview(window: $window, config: $config) {\n      users(first: $first, after: $after, orderBy: $orderBy) {\n        totalCount\n        pageInfo { hasNextPage endCursor }\n        edges { cursor node { userId impressions desirable uctr meanWeight masked } }\n      }\n    }\n  }\n": typeof types.CalibrationPreviewUsersDocument,
    "\n  fragment DatasetFields on PreferenceDataset {\n    id name createdAt createdBy status progress error\n    from to config { ...CalibrationConfigFields }\n    sampleCount desirableCount undesirableCount maskedCount toolInvokingCount userCount mu s weightSum effectiveSampleSize\n    checksum\n    exportPaths { jsonl parquet metadata }\n  }\n": typeof types.DatasetFieldsFragmentDoc,
    "\n  query PreferenceDatasets($first: Int, $after: String) {\n    preferenceDatasets(first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { cursor node { ...DatasetFields } }\n    }\n  }\n": typeof types.PreferenceDatasetsDocument,
    "\n  mutation CreatePreferenceDataset($input: PreferenceDatasetInput!) {\n    createPreferenceDataset(input: $input) { ...DatasetFields }\n  }\n": typeof types.CreatePreferenceDatasetDocument,
    "\n  query PreferenceDatasetBuild($id: ID!) {\n    preferenceDataset(id: $id) { ...DatasetFields }\n  }\n": typeof types.PreferenceDatasetBuildDocument,
    "\n  mutation DeletePreferenceDataset($id: ID!) { deletePreferenceDataset(id: $id) }\n": typeof types.DeletePreferenceDatasetDocument,
    "\n  fragment CaseStudyRefFields on CaseStudy { id title note createdBy createdAt updatedAt }\n": typeof types.CaseStudyRefFieldsFragmentDoc,
    "\n  fragment ImpressionFields on Impression {\n    id userId timestamp userQuery assistantResponse history { role content } desirable toolInvoking source generator ingestedAt\n    suggestions {\n      position text loggedToolId resolvedToolId resolution isToolInvoking exposed clicked\n      tool { id name canonicalQuery enabled category { id name } }\n    }\n    caseStudy { ...CaseStudyRefFields }\n  }\n": typeof types.ImpressionFieldsFragmentDoc,
    "\n  query Impressions($first: Int, $after: String, $filter: ImpressionFilter) {\n    impressions(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { cursor node { ...ImpressionFields } }\n    }\n  }\n": typeof types.ImpressionsDocument,
    "\n  query Impression($id: ID!) { impression(id: $id) { ...ImpressionFields } }\n": typeof types.ImpressionDocument,
    "\n  query ImpressionStats($window: TimeWindowInput) {\n    impressionStats(window: $window) {\n      impressions users desirable toolInvoking firstTimestamp lastTimestamp\n      toolInvokingSuggestions { exposed clicked ctr }\n      generalSuggestions { exposed clicked ctr }\n    }\n  }\n": typeof types.ImpressionStatsDocument,
    "\n  query CaseStudies { caseStudies { ...CaseStudyRefFields impression { ...ImpressionFields } } }\n": typeof types.CaseStudiesDocument,
    "\n  mutation StarImpression($impressionId: ID!, $title: String!, $note: String) {\n    starImpression(impressionId: $impressionId, title: $title, note: $note) { ...CaseStudyRefFields }\n  }\n": typeof types.StarImpressionDocument,
    "\n  mutation UpdateCaseStudy($id: ID!, $title: String, $note: String) {\n    updateCaseStudy(id: $id, title: $title, note: $note) { ...CaseStudyRefFields }\n  }\n": typeof types.UpdateCaseStudyDocument,
    "\n  mutation UnstarImpression($impressionId: ID!) { unstarImpression(impressionId: $impressionId) }\n": typeof types.UnstarImpressionDocument,
    "\n  query ImpressionInDatasets($impressionId: ID!) {\n    preferenceDatasets(first: 20) {\n      totalCount\n      edges {\n        node {\n          id name createdAt from to config { ...CalibrationConfigFields }\n          sample(impressionId: $impressionId) { index weight breakdown { ...CalibrationBreakdownFields } }\n        }\n      }\n    }\n  }\n": typeof types.ImpressionInDatasetsDocument,
    "\n  fragment OfflineExperimentSummary on OfflineExperiment {\n    id name seed impressions k status progress error durationMs createdBy createdAt finishedAt\n    userModel { users zipfExponent clickRateMedian clickRateSigma toolPreference relevanceSameCategory relevanceOther }\n    arms { modelVersionId name kind isControl }\n  }\n": typeof types.OfflineExperimentSummaryFragmentDoc,
    "\n  fragment OfflineExperimentFields on OfflineExperiment {\n    ...OfflineExperimentSummary\n    rows {\n      arm { modelVersionId name kind }\n      isControl impressions fallbacks\n      ctr { ...AbRateFields }\n      toolInvokingCtr { ...AbRateFields }\n      clicksPerExposedSuggestion { ...AbRateFields }\n      toolInvokingExposedShare { ...AbRateFields }\n    }\n  }\n": typeof types.OfflineExperimentFieldsFragmentDoc,
    "\n  query OfflineExperiments {\n    offlineExperiments(first: 50) { ...OfflineExperimentSummary }\n    modelVersions { id name kind isDefault }\n  }\n": typeof types.OfflineExperimentsDocument,
    "\n  query OfflineExperiment($id: ID!) {\n    offlineExperiment(id: $id) { ...OfflineExperimentFields }\n  }\n": typeof types.OfflineExperimentDocument,
    "\n  mutation StartOfflineExperiment($input: StartOfflineExperimentInput!) {\n    startOfflineExperiment(input: $input) { id status }\n  }\n": typeof types.StartOfflineExperimentDocument,
    "\n  mutation DeleteOfflineExperiment($id: ID!) { deleteOfflineExperiment(id: $id) }\n": typeof types.DeleteOfflineExperimentDocument,
    "\n  fragment RunRow on TrainingRun {\n    id status datasetId baseModel hyperparameters progress step totalSteps cancelRequested attempts createdAt createdBy finishedAt\n    dataset { id name }\n    worker { id name }\n  }\n": typeof types.RunRowFragmentDoc,
    "\n  query ConsoleWorkers {\n    workers { id name hostname gpuCount gpus { name memoryMb } models lastSeenAt connected currentRun { id } }\n  }\n": typeof types.ConsoleWorkersDocument,
    "\n  query ConsoleRuns($filter: TrainingRunFilter, $first: Int, $after: String) {\n    trainingRuns(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { cursor node { ...RunRow } }\n    }\n  }\n": typeof types.ConsoleRunsDocument,
    "\n  query ConsoleRun($id: ID!) {\n    trainingRun(id: $id) {\n      ...RunRow\n      error metrics requeues resumedFromStep startedAt leaseExpiresAt logTail\n      checkpoint { step }\n      metricSeries(maxPoints: 1000) { step loss kl rewardsChosen rewardsRejected rewardsMargins lr tokensPerS memoryMb }\n      artifacts { path kind bytes sha256 downloadPath }\n      modelVersions { id name generator baseModel adapterPath loraModules status createdAt createdBy modelVersion { id isDefault } }\n    }\n  }\n": typeof types.ConsoleRunDocument,
    "\n  query ConsoleCreateRunForm {\n    trainingHyperparameters { name type nullable default minimum maximum exclusiveMinimum exclusiveMaximum description }\n    trainingBaseModels { name builtIn requires description connectedWorkers }\n    preferenceDatasets(first: 100) { edges { node { id name sampleCount createdAt status } } }\n  }\n": typeof types.ConsoleCreateRunFormDocument,
    "\n  mutation ConsoleCreateRun($input: TrainingRunInput!) {\n    createTrainingRun(input: $input) { id status }\n  }\n": typeof types.ConsoleCreateRunDocument,
    "\n  mutation ConsoleCancelRun($id: ID!) {\n    cancelTrainingRun(id: $id) { id status cancelRequested }\n  }\n": typeof types.ConsoleCancelRunDocument,
    "\n  mutation ConsoleRegisterModelVersion($runId: ID!, $name: String!) {\n    registerTrainingRunAsModelVersion(runId: $runId, name: $name) { id name loraModules modelVersion { id } }\n  }\n": typeof types.ConsoleRegisterModelVersionDocument,
    "\n  fragment ModelVersionFields on ModelVersion {\n    id name kind settings trainingRunId baseModel adapterPath loraModules notes createdBy createdAt isDefault activatedAt impressionCount\n    trainingRun { id status }\n  }\n": typeof types.ModelVersionFieldsFragmentDoc,
    "\n  fragment ExperimentFields on Experiment {\n    id name status notes createdBy startedAt stoppedAt stoppedBy impressionCount\n    arms { modelVersionId percent isControl modelVersion { id name kind } }\n  }\n": typeof types.ExperimentFieldsFragmentDoc,
    "\n  query ModelVersionOptions {\n    modelVersions { id name kind isDefault }\n  }\n": typeof types.ModelVersionOptionsDocument,
    "\n  query ModelsPage {\n    modelVersions { ...ModelVersionFields }\n    runningExperiment { ...ExperimentFields }\n    experiments(first: 20) { ...ExperimentFields }\n  }\n": typeof types.ModelsPageDocument,
    "\n  query SucceededRuns {\n    trainingRuns(filter: { status: SUCCEEDED }, first: 50) {\n      edges { node { id baseModel finishedAt dataset { id name } } }\n    }\n  }\n": typeof types.SucceededRunsDocument,
    "\n  fragment AbRateFields on AbRate { value successes trials lower upper difference differenceLower differenceUpper relativeLift }\n": typeof types.AbRateFieldsFragmentDoc,
    "\n  query AbReport($experimentId: ID, $window: TimeWindowInput, $bucketSeconds: Int) {\n    abReport(experimentId: $experimentId, window: $window, bucketSeconds: $bucketSeconds) {\n      experiment { id name status startedAt stoppedAt }\n      from to bucketSeconds controlModelVersionId\n      rows {\n        modelVersion { id name kind }\n        percent isControl impressions users fallbacks\n        ctr { ...AbRateFields }\n        toolInvokingCtr { ...AbRateFields }\n        clicksPerExposedSuggestion { ...AbRateFields }\n        toolInvokingExposedShare { ...AbRateFields }\n        series { start impressions ctr toolInvokingCtr }\n      }\n    }\n  }\n": typeof types.AbReportDocument,
    "\n  mutation CreateModelVersion($input: ModelVersionInput!) {\n    createModelVersion(input: $input) { ...ModelVersionFields }\n  }\n": typeof types.CreateModelVersionDocument,
    "\n  mutation CreateModelVersionFromRun($input: ModelVersionFromTrainingRunInput!) {\n    createModelVersionFromTrainingRun(input: $input) { ...ModelVersionFields }\n  }\n": typeof types.CreateModelVersionFromRunDocument,
    "\n  mutation UpdateModelVersionNotes($id: ID!, $notes: String) {\n    updateModelVersionNotes(id: $id, notes: $notes) { id notes }\n  }\n": typeof types.UpdateModelVersionNotesDocument,
    "\n  mutation ActivateModelVersion($id: ID!) {\n    activateModelVersion(id: $id) { id name isDefault }\n  }\n": typeof types.ActivateModelVersionDocument,
    "\n  mutation RollbackModelVersion {\n    rollbackModelVersion { id name isDefault }\n  }\n": typeof types.RollbackModelVersionDocument,
    "\n  mutation StartExperiment($input: StartExperimentInput!) {\n    startExperiment(input: $input) { ...ExperimentFields }\n  }\n": typeof types.StartExperimentDocument,
    "\n  mutation StopExperiment($id: ID!) {\n    stopExperiment(id: $id) { ...ExperimentFields }\n  }\n": typeof types.StopExperimentDocument,
    "\n  fragment ServingSuggestionFields on Suggestion {\n    position text isToolInvoking exposed source toolId\n    tool { id name category { id name } }\n  }\n": typeof types.ServingSuggestionFieldsFragmentDoc,
    "\n  query PlaygroundSuggestions($input: SuggestionInput!) {\n    suggestions(input: $input) {\n      impressionId generator k n promptTools promptTemplateVersion prompt rawOutput\n      suggestions { ...ServingSuggestionFields }\n      notExposed { ...ServingSuggestionFields }\n      tools { rank score tool { id name canonicalQuery category { id name } } }\n      modelVersion { id name kind }\n      experiment { id name }\n      fallback { from reason detail }\n      timings { retrievalMs generationMs modelMs loggingMs totalMs attempts }\n    }\n  }\n": typeof types.PlaygroundSuggestionsDocument,
    "\n  fragment ToolRow on Tool {\n    id\n    name\n    canonicalQuery\n    invocationCount\n    frequencyPercentile\n    enabled\n    category { id name }\n  }\n": typeof types.ToolRowFragmentDoc,
    "\n  fragment ToolFull on Tool {\n    ...ToolRow\n    description\n    categoryId\n    utterances\n    situations\n    parameters\n    actionType\n    version\n    updatedAt\n    createdAt\n    popularity\n    grounding { source id reason }\n  }\n": typeof types.ToolFullFragmentDoc,
    "\n  query ConsoleTools($filter: ToolFilter, $first: Int, $after: String, $orderBy: ToolOrder) {\n    tools(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { cursor node { ...ToolRow } }\n    }\n  }\n": typeof types.ConsoleToolsDocument,
    "\n  query ConsoleCategoryOptions {\n    categories { id name }\n  }\n": typeof types.ConsoleCategoryOptionsDocument,
    "\n  query ConsoleCategories($bins: Int) {\n    categories { id code name target toolCount enabledToolCount invocationTotal }\n    invocationHistogram(bins: $bins) { lower upper count }\n  }\n": typeof types.ConsoleCategoriesDocument,
    "\n  query ConsoleTool($id: ID!) {\n    tool(id: $id) { ...ToolFull }\n  }\n": typeof types.ConsoleToolDocument,
    "\n  query ConsoleToolVersion($id: ID!) {\n    tool(id: $id) { id version }\n  }\n": typeof types.ConsoleToolVersionDocument,
    "\n  query ConsoleToolRevisions($toolId: ID!) {\n    toolRevisions(toolId: $toolId) {\n      id toolId version action actor createdAt\n      changes { field before after }\n    }\n  }\n": typeof types.ConsoleToolRevisionsDocument,
    "\n  mutation ConsoleUpdateTool($id: ID!, $version: Int!, $input: UpdateToolInput!) {\n    updateTool(id: $id, version: $version, input: $input) { ...ToolFull }\n  }\n": typeof types.ConsoleUpdateToolDocument,
    "\n  mutation ConsoleCreateTool($input: CreateToolInput!) {\n    createTool(input: $input) { ...ToolFull }\n  }\n": typeof types.ConsoleCreateToolDocument,
    "\n  mutation ConsoleDeleteTool($id: ID!, $version: Int!) {\n    deleteTool(id: $id, version: $version) { id deleted }\n  }\n": typeof types.ConsoleDeleteToolDocument,
    "\n  fragment ApiKeyFields on ApiKey { id name role prefix createdAt lastUsedAt revokedAt }\n": typeof types.ApiKeyFieldsFragmentDoc,
    "\n  query ConsoleApiKeys {\n    apiKeys { ...ApiKeyFields }\n  }\n": typeof types.ConsoleApiKeysDocument,
    "\n  mutation ConsoleCreateApiKey($name: String!, $role: ApiRole!) {\n    createApiKey(name: $name, role: $role) {\n      key\n      apiKey { ...ApiKeyFields }\n    }\n  }\n": typeof types.ConsoleCreateApiKeyDocument,
    "\n  mutation ConsoleRevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) { ...ApiKeyFields }\n  }\n": typeof types.ConsoleRevokeApiKeyDocument,
    "\n  query ConsoleViewer { viewer { id name role } }\n": typeof types.ConsoleViewerDocument,
};
const documents: Documents = {
    "\n  fragment CalibrationConfigFields on CalibrationConfig { alpha gamma k mu muMode s userSide systemSide }\n": types.CalibrationConfigFieldsFragmentDoc,
    "\n  query CalibrationDefaults { calibrationDefaults { ...CalibrationConfigFields } }\n": types.CalibrationDefaultsDocument,
    "\n  fragment HistogramFields on WeightHistogram { min max edges counts below above nan }\n  fragment LabelHistogramsFields on LabelHistograms { desirable { ...HistogramFields } undesirable { ...HistogramFields } }\n": types.HistogramFieldsFragmentDoc,
    "\n  fragment CalibrationBreakdownFields on CalibrationBreakdown {\n    desirable userSide uctr mu s z t alpha wU systemSide toolInvoking toolId p gamma k pToTheK dynamicBoost staticBoost wS\n    combination weight masked steps\n  }\n": types.CalibrationBreakdownFieldsFragmentDoc,
    "\n  query CalibrationPreview($window: TimeWindowInput, $config: CalibrationConfigInput) {\n    calibrationPreview(window: $window, config: $config) {\n      from to config { ...CalibrationConfigFields }\n      sampleCount desirableCount undesirableCount maskedCount toolInvokingCount userCount mu s weightSum effectiveSampleSize\n      cached computeMs\n      histograms {\n        wU { ...LabelHistogramsFields }\n        wS { ...LabelHistogramsFields }\n        weight { ...LabelHistogramsFields }\n      }\n    }\n  }\n": types.CalibrationPreviewDocument,
    "\n  query CalibrationPreviewSamples($window: TimeWindowInput, $config: CalibrationConfigInput, $first: Int, $after: String, $filter: PreferenceSampleFilter) {\n    calibrationPreview(window: $window, config: $config) {\n      samples(first: $first, after: $after, filter: $filter) {\n        totalCount\n        pageInfo { hasNextPage endCursor }\n        edges {\n          cursor\n          node {\n            index impressionId userId label masked uctr toolInvoking toolId frequencyPercentile wU wS weight\n            breakdown { ...CalibrationBreakdownFields }\n          }\n        }\n      }\n    }\n  }\n": types.CalibrationPreviewSamplesDocument,
    "\n  query CalibrationPreviewUsers($window: TimeWindowInput, $config: CalibrationConfigInput, $first: Int, $after: String, $orderBy: PreferenceUserOrder) {\n    calibrationPreview(window: $window, config: $config) {\n      users(first: $first, after: $after, orderBy: $orderBy) {\n        totalCount\n        pageInfo { hasNextPage endCursor }\n        edges { cursor node { userId impressions desirable uctr meanWeight masked } }\n      }\n    }\n  }\n": types.CalibrationPreviewUsersDocument,
    "\n  fragment DatasetFields on PreferenceDataset {\n    id name createdAt createdBy status progress error\n    from to config { ...CalibrationConfigFields }\n    sampleCount desirableCount undesirableCount maskedCount toolInvokingCount userCount mu s weightSum effectiveSampleSize\n    checksum\n    exportPaths { jsonl parquet metadata }\n  }\n": types.DatasetFieldsFragmentDoc,
    "\n  query PreferenceDatasets($first: Int, $after: String) {\n    preferenceDatasets(first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { cursor node { ...DatasetFields } }\n    }\n  }\n": types.PreferenceDatasetsDocument,
    "\n  mutation CreatePreferenceDataset($input: PreferenceDatasetInput!) {\n    createPreferenceDataset(input: $input) { ...DatasetFields }\n  }\n": types.CreatePreferenceDatasetDocument,
    "\n  query PreferenceDatasetBuild($id: ID!) {\n    preferenceDataset(id: $id) { ...DatasetFields }\n  }\n": types.PreferenceDatasetBuildDocument,
    "\n  mutation DeletePreferenceDataset($id: ID!) { deletePreferenceDataset(id: $id) }\n": types.DeletePreferenceDatasetDocument,
    "\n  fragment CaseStudyRefFields on CaseStudy { id title note createdBy createdAt updatedAt }\n": types.CaseStudyRefFieldsFragmentDoc,
    "\n  fragment ImpressionFields on Impression {\n    id userId timestamp userQuery assistantResponse history { role content } desirable toolInvoking source generator ingestedAt\n    suggestions {\n      position text loggedToolId resolvedToolId resolution isToolInvoking exposed clicked\n      tool { id name canonicalQuery enabled category { id name } }\n    }\n    caseStudy { ...CaseStudyRefFields }\n  }\n": types.ImpressionFieldsFragmentDoc,
    "\n  query Impressions($first: Int, $after: String, $filter: ImpressionFilter) {\n    impressions(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { cursor node { ...ImpressionFields } }\n    }\n  }\n": types.ImpressionsDocument,
    "\n  query Impression($id: ID!) { impression(id: $id) { ...ImpressionFields } }\n": types.ImpressionDocument,
    "\n  query ImpressionStats($window: TimeWindowInput) {\n    impressionStats(window: $window) {\n      impressions users desirable toolInvoking firstTimestamp lastTimestamp\n      toolInvokingSuggestions { exposed clicked ctr }\n      generalSuggestions { exposed clicked ctr }\n    }\n  }\n": types.ImpressionStatsDocument,
    "\n  query CaseStudies { caseStudies { ...CaseStudyRefFields impression { ...ImpressionFields } } }\n": types.CaseStudiesDocument,
    "\n  mutation StarImpression($impressionId: ID!, $title: String!, $note: String) {\n    starImpression(impressionId: $impressionId, title: $title, note: $note) { ...CaseStudyRefFields }\n  }\n": types.StarImpressionDocument,
    "\n  mutation UpdateCaseStudy($id: ID!, $title: String, $note: String) {\n    updateCaseStudy(id: $id, title: $title, note: $note) { ...CaseStudyRefFields }\n  }\n": types.UpdateCaseStudyDocument,
    "\n  mutation UnstarImpression($impressionId: ID!) { unstarImpression(impressionId: $impressionId) }\n": types.UnstarImpressionDocument,
    "\n  query ImpressionInDatasets($impressionId: ID!) {\n    preferenceDatasets(first: 20) {\n      totalCount\n      edges {\n        node {\n          id name createdAt from to config { ...CalibrationConfigFields }\n          sample(impressionId: $impressionId) { index weight breakdown { ...CalibrationBreakdownFields } }\n        }\n      }\n    }\n  }\n": types.ImpressionInDatasetsDocument,
    "\n  fragment OfflineExperimentSummary on OfflineExperiment {\n    id name seed impressions k status progress error durationMs createdBy createdAt finishedAt\n    userModel { users zipfExponent clickRateMedian clickRateSigma toolPreference relevanceSameCategory relevanceOther }\n    arms { modelVersionId name kind isControl }\n  }\n": types.OfflineExperimentSummaryFragmentDoc,
    "\n  fragment OfflineExperimentFields on OfflineExperiment {\n    ...OfflineExperimentSummary\n    rows {\n      arm { modelVersionId name kind }\n      isControl impressions fallbacks\n      ctr { ...AbRateFields }\n      toolInvokingCtr { ...AbRateFields }\n      clicksPerExposedSuggestion { ...AbRateFields }\n      toolInvokingExposedShare { ...AbRateFields }\n    }\n  }\n": types.OfflineExperimentFieldsFragmentDoc,
    "\n  query OfflineExperiments {\n    offlineExperiments(first: 50) { ...OfflineExperimentSummary }\n    modelVersions { id name kind isDefault }\n  }\n": types.OfflineExperimentsDocument,
    "\n  query OfflineExperiment($id: ID!) {\n    offlineExperiment(id: $id) { ...OfflineExperimentFields }\n  }\n": types.OfflineExperimentDocument,
    "\n  mutation StartOfflineExperiment($input: StartOfflineExperimentInput!) {\n    startOfflineExperiment(input: $input) { id status }\n  }\n": types.StartOfflineExperimentDocument,
    "\n  mutation DeleteOfflineExperiment($id: ID!) { deleteOfflineExperiment(id: $id) }\n": types.DeleteOfflineExperimentDocument,
    "\n  fragment RunRow on TrainingRun {\n    id status datasetId baseModel hyperparameters progress step totalSteps cancelRequested attempts createdAt createdBy finishedAt\n    dataset { id name }\n    worker { id name }\n  }\n": types.RunRowFragmentDoc,
    "\n  query ConsoleWorkers {\n    workers { id name hostname gpuCount gpus { name memoryMb } models lastSeenAt connected currentRun { id } }\n  }\n": types.ConsoleWorkersDocument,
    "\n  query ConsoleRuns($filter: TrainingRunFilter, $first: Int, $after: String) {\n    trainingRuns(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { cursor node { ...RunRow } }\n    }\n  }\n": types.ConsoleRunsDocument,
    "\n  query ConsoleRun($id: ID!) {\n    trainingRun(id: $id) {\n      ...RunRow\n      error metrics requeues resumedFromStep startedAt leaseExpiresAt logTail\n      checkpoint { step }\n      metricSeries(maxPoints: 1000) { step loss kl rewardsChosen rewardsRejected rewardsMargins lr tokensPerS memoryMb }\n      artifacts { path kind bytes sha256 downloadPath }\n      modelVersions { id name generator baseModel adapterPath loraModules status createdAt createdBy modelVersion { id isDefault } }\n    }\n  }\n": types.ConsoleRunDocument,
    "\n  query ConsoleCreateRunForm {\n    trainingHyperparameters { name type nullable default minimum maximum exclusiveMinimum exclusiveMaximum description }\n    trainingBaseModels { name builtIn requires description connectedWorkers }\n    preferenceDatasets(first: 100) { edges { node { id name sampleCount createdAt status } } }\n  }\n": types.ConsoleCreateRunFormDocument,
    "\n  mutation ConsoleCreateRun($input: TrainingRunInput!) {\n    createTrainingRun(input: $input) { id status }\n  }\n": types.ConsoleCreateRunDocument,
    "\n  mutation ConsoleCancelRun($id: ID!) {\n    cancelTrainingRun(id: $id) { id status cancelRequested }\n  }\n": types.ConsoleCancelRunDocument,
    "\n  mutation ConsoleRegisterModelVersion($runId: ID!, $name: String!) {\n    registerTrainingRunAsModelVersion(runId: $runId, name: $name) { id name loraModules modelVersion { id } }\n  }\n": types.ConsoleRegisterModelVersionDocument,
    "\n  fragment ModelVersionFields on ModelVersion {\n    id name kind settings trainingRunId baseModel adapterPath loraModules notes createdBy createdAt isDefault activatedAt impressionCount\n    trainingRun { id status }\n  }\n": types.ModelVersionFieldsFragmentDoc,
    "\n  fragment ExperimentFields on Experiment {\n    id name status notes createdBy startedAt stoppedAt stoppedBy impressionCount\n    arms { modelVersionId percent isControl modelVersion { id name kind } }\n  }\n": types.ExperimentFieldsFragmentDoc,
    "\n  query ModelVersionOptions {\n    modelVersions { id name kind isDefault }\n  }\n": types.ModelVersionOptionsDocument,
    "\n  query ModelsPage {\n    modelVersions { ...ModelVersionFields }\n    runningExperiment { ...ExperimentFields }\n    experiments(first: 20) { ...ExperimentFields }\n  }\n": types.ModelsPageDocument,
    "\n  query SucceededRuns {\n    trainingRuns(filter: { status: SUCCEEDED }, first: 50) {\n      edges { node { id baseModel finishedAt dataset { id name } } }\n    }\n  }\n": types.SucceededRunsDocument,
    "\n  fragment AbRateFields on AbRate { value successes trials lower upper difference differenceLower differenceUpper relativeLift }\n": types.AbRateFieldsFragmentDoc,
    "\n  query AbReport($experimentId: ID, $window: TimeWindowInput, $bucketSeconds: Int) {\n    abReport(experimentId: $experimentId, window: $window, bucketSeconds: $bucketSeconds) {\n      experiment { id name status startedAt stoppedAt }\n      from to bucketSeconds controlModelVersionId\n      rows {\n        modelVersion { id name kind }\n        percent isControl impressions users fallbacks\n        ctr { ...AbRateFields }\n        toolInvokingCtr { ...AbRateFields }\n        clicksPerExposedSuggestion { ...AbRateFields }\n        toolInvokingExposedShare { ...AbRateFields }\n        series { start impressions ctr toolInvokingCtr }\n      }\n    }\n  }\n": types.AbReportDocument,
    "\n  mutation CreateModelVersion($input: ModelVersionInput!) {\n    createModelVersion(input: $input) { ...ModelVersionFields }\n  }\n": types.CreateModelVersionDocument,
    "\n  mutation CreateModelVersionFromRun($input: ModelVersionFromTrainingRunInput!) {\n    createModelVersionFromTrainingRun(input: $input) { ...ModelVersionFields }\n  }\n": types.CreateModelVersionFromRunDocument,
    "\n  mutation UpdateModelVersionNotes($id: ID!, $notes: String) {\n    updateModelVersionNotes(id: $id, notes: $notes) { id notes }\n  }\n": types.UpdateModelVersionNotesDocument,
    "\n  mutation ActivateModelVersion($id: ID!) {\n    activateModelVersion(id: $id) { id name isDefault }\n  }\n": types.ActivateModelVersionDocument,
    "\n  mutation RollbackModelVersion {\n    rollbackModelVersion { id name isDefault }\n  }\n": types.RollbackModelVersionDocument,
    "\n  mutation StartExperiment($input: StartExperimentInput!) {\n    startExperiment(input: $input) { ...ExperimentFields }\n  }\n": types.StartExperimentDocument,
    "\n  mutation StopExperiment($id: ID!) {\n    stopExperiment(id: $id) { ...ExperimentFields }\n  }\n": types.StopExperimentDocument,
    "\n  fragment ServingSuggestionFields on Suggestion {\n    position text isToolInvoking exposed source toolId\n    tool { id name category { id name } }\n  }\n": types.ServingSuggestionFieldsFragmentDoc,
    "\n  query PlaygroundSuggestions($input: SuggestionInput!) {\n    suggestions(input: $input) {\n      impressionId generator k n promptTools promptTemplateVersion prompt rawOutput\n      suggestions { ...ServingSuggestionFields }\n      notExposed { ...ServingSuggestionFields }\n      tools { rank score tool { id name canonicalQuery category { id name } } }\n      modelVersion { id name kind }\n      experiment { id name }\n      fallback { from reason detail }\n      timings { retrievalMs generationMs modelMs loggingMs totalMs attempts }\n    }\n  }\n": types.PlaygroundSuggestionsDocument,
    "\n  fragment ToolRow on Tool {\n    id\n    name\n    canonicalQuery\n    invocationCount\n    frequencyPercentile\n    enabled\n    category { id name }\n  }\n": types.ToolRowFragmentDoc,
    "\n  fragment ToolFull on Tool {\n    ...ToolRow\n    description\n    categoryId\n    utterances\n    situations\n    parameters\n    actionType\n    version\n    updatedAt\n    createdAt\n    popularity\n    grounding { source id reason }\n  }\n": types.ToolFullFragmentDoc,
    "\n  query ConsoleTools($filter: ToolFilter, $first: Int, $after: String, $orderBy: ToolOrder) {\n    tools(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { cursor node { ...ToolRow } }\n    }\n  }\n": types.ConsoleToolsDocument,
    "\n  query ConsoleCategoryOptions {\n    categories { id name }\n  }\n": types.ConsoleCategoryOptionsDocument,
    "\n  query ConsoleCategories($bins: Int) {\n    categories { id code name target toolCount enabledToolCount invocationTotal }\n    invocationHistogram(bins: $bins) { lower upper count }\n  }\n": types.ConsoleCategoriesDocument,
    "\n  query ConsoleTool($id: ID!) {\n    tool(id: $id) { ...ToolFull }\n  }\n": types.ConsoleToolDocument,
    "\n  query ConsoleToolVersion($id: ID!) {\n    tool(id: $id) { id version }\n  }\n": types.ConsoleToolVersionDocument,
    "\n  query ConsoleToolRevisions($toolId: ID!) {\n    toolRevisions(toolId: $toolId) {\n      id toolId version action actor createdAt\n      changes { field before after }\n    }\n  }\n": types.ConsoleToolRevisionsDocument,
    "\n  mutation ConsoleUpdateTool($id: ID!, $version: Int!, $input: UpdateToolInput!) {\n    updateTool(id: $id, version: $version, input: $input) { ...ToolFull }\n  }\n": types.ConsoleUpdateToolDocument,
    "\n  mutation ConsoleCreateTool($input: CreateToolInput!) {\n    createTool(input: $input) { ...ToolFull }\n  }\n": types.ConsoleCreateToolDocument,
    "\n  mutation ConsoleDeleteTool($id: ID!, $version: Int!) {\n    deleteTool(id: $id, version: $version) { id deleted }\n  }\n": types.ConsoleDeleteToolDocument,
    "\n  fragment ApiKeyFields on ApiKey { id name role prefix createdAt lastUsedAt revokedAt }\n": types.ApiKeyFieldsFragmentDoc,
    "\n  query ConsoleApiKeys {\n    apiKeys { ...ApiKeyFields }\n  }\n": types.ConsoleApiKeysDocument,
    "\n  mutation ConsoleCreateApiKey($name: String!, $role: ApiRole!) {\n    createApiKey(name: $name, role: $role) {\n      key\n      apiKey { ...ApiKeyFields }\n    }\n  }\n": types.ConsoleCreateApiKeyDocument,
    "\n  mutation ConsoleRevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) { ...ApiKeyFields }\n  }\n": types.ConsoleRevokeApiKeyDocument,
    "\n  query ConsoleViewer { viewer { id name role } }\n": types.ConsoleViewerDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CalibrationConfigFields on CalibrationConfig { alpha gamma k mu muMode s userSide systemSide }\n"): typeof import('./graphql').CalibrationConfigFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CalibrationDefaults { calibrationDefaults { ...CalibrationConfigFields } }\n"): typeof import('./graphql').CalibrationDefaultsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment HistogramFields on WeightHistogram { min max edges counts below above nan }\n  fragment LabelHistogramsFields on LabelHistograms { desirable { ...HistogramFields } undesirable { ...HistogramFields } }\n"): typeof import('./graphql').HistogramFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CalibrationBreakdownFields on CalibrationBreakdown {\n    desirable userSide uctr mu s z t alpha wU systemSide toolInvoking toolId p gamma k pToTheK dynamicBoost staticBoost wS\n    combination weight masked steps\n  }\n"): typeof import('./graphql').CalibrationBreakdownFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CalibrationPreview($window: TimeWindowInput, $config: CalibrationConfigInput) {\n    calibrationPreview(window: $window, config: $config) {\n      from to config { ...CalibrationConfigFields }\n      sampleCount desirableCount undesirableCount maskedCount toolInvokingCount userCount mu s weightSum effectiveSampleSize\n      cached computeMs\n      histograms {\n        wU { ...LabelHistogramsFields }\n        wS { ...LabelHistogramsFields }\n        weight { ...LabelHistogramsFields }\n      }\n    }\n  }\n"): typeof import('./graphql').CalibrationPreviewDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CalibrationPreviewSamples($window: TimeWindowInput, $config: CalibrationConfigInput, $first: Int, $after: String, $filter: PreferenceSampleFilter) {\n    calibrationPreview(window: $window, config: $config) {\n      samples(first: $first, after: $after, filter: $filter) {\n        totalCount\n        pageInfo { hasNextPage endCursor }\n        edges {\n          cursor\n          node {\n            index impressionId userId label masked uctr toolInvoking toolId frequencyPercentile wU wS weight\n            breakdown { ...CalibrationBreakdownFields }\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').CalibrationPreviewSamplesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CalibrationPreviewUsers($window: TimeWindowInput, $config: CalibrationConfigInput, $first: Int, $after: String, $orderBy: PreferenceUserOrder) {\n    calibrationPreview(window: $window, config: $config) {\n      users(first: $first, after: $after, orderBy: $orderBy) {\n        totalCount\n        pageInfo { hasNextPage endCursor }\n        edges { cursor node { userId impressions desirable uctr meanWeight masked } }\n      }\n    }\n  }\n"): typeof import('./graphql').CalibrationPreviewUsersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DatasetFields on PreferenceDataset {\n    id name createdAt createdBy status progress error\n    from to config { ...CalibrationConfigFields }\n    sampleCount desirableCount undesirableCount maskedCount toolInvokingCount userCount mu s weightSum effectiveSampleSize\n    checksum\n    exportPaths { jsonl parquet metadata }\n  }\n"): typeof import('./graphql').DatasetFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PreferenceDatasets($first: Int, $after: String) {\n    preferenceDatasets(first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { cursor node { ...DatasetFields } }\n    }\n  }\n"): typeof import('./graphql').PreferenceDatasetsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreatePreferenceDataset($input: PreferenceDatasetInput!) {\n    createPreferenceDataset(input: $input) { ...DatasetFields }\n  }\n"): typeof import('./graphql').CreatePreferenceDatasetDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PreferenceDatasetBuild($id: ID!) {\n    preferenceDataset(id: $id) { ...DatasetFields }\n  }\n"): typeof import('./graphql').PreferenceDatasetBuildDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeletePreferenceDataset($id: ID!) { deletePreferenceDataset(id: $id) }\n"): typeof import('./graphql').DeletePreferenceDatasetDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CaseStudyRefFields on CaseStudy { id title note createdBy createdAt updatedAt }\n"): typeof import('./graphql').CaseStudyRefFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ImpressionFields on Impression {\n    id userId timestamp userQuery assistantResponse history { role content } desirable toolInvoking source generator ingestedAt\n    suggestions {\n      position text loggedToolId resolvedToolId resolution isToolInvoking exposed clicked\n      tool { id name canonicalQuery enabled category { id name } }\n    }\n    caseStudy { ...CaseStudyRefFields }\n  }\n"): typeof import('./graphql').ImpressionFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Impressions($first: Int, $after: String, $filter: ImpressionFilter) {\n    impressions(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { cursor node { ...ImpressionFields } }\n    }\n  }\n"): typeof import('./graphql').ImpressionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Impression($id: ID!) { impression(id: $id) { ...ImpressionFields } }\n"): typeof import('./graphql').ImpressionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ImpressionStats($window: TimeWindowInput) {\n    impressionStats(window: $window) {\n      impressions users desirable toolInvoking firstTimestamp lastTimestamp\n      toolInvokingSuggestions { exposed clicked ctr }\n      generalSuggestions { exposed clicked ctr }\n    }\n  }\n"): typeof import('./graphql').ImpressionStatsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CaseStudies { caseStudies { ...CaseStudyRefFields impression { ...ImpressionFields } } }\n"): typeof import('./graphql').CaseStudiesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StarImpression($impressionId: ID!, $title: String!, $note: String) {\n    starImpression(impressionId: $impressionId, title: $title, note: $note) { ...CaseStudyRefFields }\n  }\n"): typeof import('./graphql').StarImpressionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateCaseStudy($id: ID!, $title: String, $note: String) {\n    updateCaseStudy(id: $id, title: $title, note: $note) { ...CaseStudyRefFields }\n  }\n"): typeof import('./graphql').UpdateCaseStudyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnstarImpression($impressionId: ID!) { unstarImpression(impressionId: $impressionId) }\n"): typeof import('./graphql').UnstarImpressionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ImpressionInDatasets($impressionId: ID!) {\n    preferenceDatasets(first: 20) {\n      totalCount\n      edges {\n        node {\n          id name createdAt from to config { ...CalibrationConfigFields }\n          sample(impressionId: $impressionId) { index weight breakdown { ...CalibrationBreakdownFields } }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ImpressionInDatasetsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment OfflineExperimentSummary on OfflineExperiment {\n    id name seed impressions k status progress error durationMs createdBy createdAt finishedAt\n    userModel { users zipfExponent clickRateMedian clickRateSigma toolPreference relevanceSameCategory relevanceOther }\n    arms { modelVersionId name kind isControl }\n  }\n"): typeof import('./graphql').OfflineExperimentSummaryFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment OfflineExperimentFields on OfflineExperiment {\n    ...OfflineExperimentSummary\n    rows {\n      arm { modelVersionId name kind }\n      isControl impressions fallbacks\n      ctr { ...AbRateFields }\n      toolInvokingCtr { ...AbRateFields }\n      clicksPerExposedSuggestion { ...AbRateFields }\n      toolInvokingExposedShare { ...AbRateFields }\n    }\n  }\n"): typeof import('./graphql').OfflineExperimentFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OfflineExperiments {\n    offlineExperiments(first: 50) { ...OfflineExperimentSummary }\n    modelVersions { id name kind isDefault }\n  }\n"): typeof import('./graphql').OfflineExperimentsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OfflineExperiment($id: ID!) {\n    offlineExperiment(id: $id) { ...OfflineExperimentFields }\n  }\n"): typeof import('./graphql').OfflineExperimentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartOfflineExperiment($input: StartOfflineExperimentInput!) {\n    startOfflineExperiment(input: $input) { id status }\n  }\n"): typeof import('./graphql').StartOfflineExperimentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteOfflineExperiment($id: ID!) { deleteOfflineExperiment(id: $id) }\n"): typeof import('./graphql').DeleteOfflineExperimentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RunRow on TrainingRun {\n    id status datasetId baseModel hyperparameters progress step totalSteps cancelRequested attempts createdAt createdBy finishedAt\n    dataset { id name }\n    worker { id name }\n  }\n"): typeof import('./graphql').RunRowFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleWorkers {\n    workers { id name hostname gpuCount gpus { name memoryMb } models lastSeenAt connected currentRun { id } }\n  }\n"): typeof import('./graphql').ConsoleWorkersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleRuns($filter: TrainingRunFilter, $first: Int, $after: String) {\n    trainingRuns(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { cursor node { ...RunRow } }\n    }\n  }\n"): typeof import('./graphql').ConsoleRunsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleRun($id: ID!) {\n    trainingRun(id: $id) {\n      ...RunRow\n      error metrics requeues resumedFromStep startedAt leaseExpiresAt logTail\n      checkpoint { step }\n      metricSeries(maxPoints: 1000) { step loss kl rewardsChosen rewardsRejected rewardsMargins lr tokensPerS memoryMb }\n      artifacts { path kind bytes sha256 downloadPath }\n      modelVersions { id name generator baseModel adapterPath loraModules status createdAt createdBy modelVersion { id isDefault } }\n    }\n  }\n"): typeof import('./graphql').ConsoleRunDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleCreateRunForm {\n    trainingHyperparameters { name type nullable default minimum maximum exclusiveMinimum exclusiveMaximum description }\n    trainingBaseModels { name builtIn requires description connectedWorkers }\n    preferenceDatasets(first: 100) { edges { node { id name sampleCount createdAt status } } }\n  }\n"): typeof import('./graphql').ConsoleCreateRunFormDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleCreateRun($input: TrainingRunInput!) {\n    createTrainingRun(input: $input) { id status }\n  }\n"): typeof import('./graphql').ConsoleCreateRunDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleCancelRun($id: ID!) {\n    cancelTrainingRun(id: $id) { id status cancelRequested }\n  }\n"): typeof import('./graphql').ConsoleCancelRunDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRegisterModelVersion($runId: ID!, $name: String!) {\n    registerTrainingRunAsModelVersion(runId: $runId, name: $name) { id name loraModules modelVersion { id } }\n  }\n"): typeof import('./graphql').ConsoleRegisterModelVersionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ModelVersionFields on ModelVersion {\n    id name kind settings trainingRunId baseModel adapterPath loraModules notes createdBy createdAt isDefault activatedAt impressionCount\n    trainingRun { id status }\n  }\n"): typeof import('./graphql').ModelVersionFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ExperimentFields on Experiment {\n    id name status notes createdBy startedAt stoppedAt stoppedBy impressionCount\n    arms { modelVersionId percent isControl modelVersion { id name kind } }\n  }\n"): typeof import('./graphql').ExperimentFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ModelVersionOptions {\n    modelVersions { id name kind isDefault }\n  }\n"): typeof import('./graphql').ModelVersionOptionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ModelsPage {\n    modelVersions { ...ModelVersionFields }\n    runningExperiment { ...ExperimentFields }\n    experiments(first: 20) { ...ExperimentFields }\n  }\n"): typeof import('./graphql').ModelsPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SucceededRuns {\n    trainingRuns(filter: { status: SUCCEEDED }, first: 50) {\n      edges { node { id baseModel finishedAt dataset { id name } } }\n    }\n  }\n"): typeof import('./graphql').SucceededRunsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AbRateFields on AbRate { value successes trials lower upper difference differenceLower differenceUpper relativeLift }\n"): typeof import('./graphql').AbRateFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AbReport($experimentId: ID, $window: TimeWindowInput, $bucketSeconds: Int) {\n    abReport(experimentId: $experimentId, window: $window, bucketSeconds: $bucketSeconds) {\n      experiment { id name status startedAt stoppedAt }\n      from to bucketSeconds controlModelVersionId\n      rows {\n        modelVersion { id name kind }\n        percent isControl impressions users fallbacks\n        ctr { ...AbRateFields }\n        toolInvokingCtr { ...AbRateFields }\n        clicksPerExposedSuggestion { ...AbRateFields }\n        toolInvokingExposedShare { ...AbRateFields }\n        series { start impressions ctr toolInvokingCtr }\n      }\n    }\n  }\n"): typeof import('./graphql').AbReportDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateModelVersion($input: ModelVersionInput!) {\n    createModelVersion(input: $input) { ...ModelVersionFields }\n  }\n"): typeof import('./graphql').CreateModelVersionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateModelVersionFromRun($input: ModelVersionFromTrainingRunInput!) {\n    createModelVersionFromTrainingRun(input: $input) { ...ModelVersionFields }\n  }\n"): typeof import('./graphql').CreateModelVersionFromRunDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateModelVersionNotes($id: ID!, $notes: String) {\n    updateModelVersionNotes(id: $id, notes: $notes) { id notes }\n  }\n"): typeof import('./graphql').UpdateModelVersionNotesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ActivateModelVersion($id: ID!) {\n    activateModelVersion(id: $id) { id name isDefault }\n  }\n"): typeof import('./graphql').ActivateModelVersionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RollbackModelVersion {\n    rollbackModelVersion { id name isDefault }\n  }\n"): typeof import('./graphql').RollbackModelVersionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartExperiment($input: StartExperimentInput!) {\n    startExperiment(input: $input) { ...ExperimentFields }\n  }\n"): typeof import('./graphql').StartExperimentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StopExperiment($id: ID!) {\n    stopExperiment(id: $id) { ...ExperimentFields }\n  }\n"): typeof import('./graphql').StopExperimentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ServingSuggestionFields on Suggestion {\n    position text isToolInvoking exposed source toolId\n    tool { id name category { id name } }\n  }\n"): typeof import('./graphql').ServingSuggestionFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PlaygroundSuggestions($input: SuggestionInput!) {\n    suggestions(input: $input) {\n      impressionId generator k n promptTools promptTemplateVersion prompt rawOutput\n      suggestions { ...ServingSuggestionFields }\n      notExposed { ...ServingSuggestionFields }\n      tools { rank score tool { id name canonicalQuery category { id name } } }\n      modelVersion { id name kind }\n      experiment { id name }\n      fallback { from reason detail }\n      timings { retrievalMs generationMs modelMs loggingMs totalMs attempts }\n    }\n  }\n"): typeof import('./graphql').PlaygroundSuggestionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ToolRow on Tool {\n    id\n    name\n    canonicalQuery\n    invocationCount\n    frequencyPercentile\n    enabled\n    category { id name }\n  }\n"): typeof import('./graphql').ToolRowFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ToolFull on Tool {\n    ...ToolRow\n    description\n    categoryId\n    utterances\n    situations\n    parameters\n    actionType\n    version\n    updatedAt\n    createdAt\n    popularity\n    grounding { source id reason }\n  }\n"): typeof import('./graphql').ToolFullFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleTools($filter: ToolFilter, $first: Int, $after: String, $orderBy: ToolOrder) {\n    tools(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { cursor node { ...ToolRow } }\n    }\n  }\n"): typeof import('./graphql').ConsoleToolsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleCategoryOptions {\n    categories { id name }\n  }\n"): typeof import('./graphql').ConsoleCategoryOptionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleCategories($bins: Int) {\n    categories { id code name target toolCount enabledToolCount invocationTotal }\n    invocationHistogram(bins: $bins) { lower upper count }\n  }\n"): typeof import('./graphql').ConsoleCategoriesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleTool($id: ID!) {\n    tool(id: $id) { ...ToolFull }\n  }\n"): typeof import('./graphql').ConsoleToolDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleToolVersion($id: ID!) {\n    tool(id: $id) { id version }\n  }\n"): typeof import('./graphql').ConsoleToolVersionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleToolRevisions($toolId: ID!) {\n    toolRevisions(toolId: $toolId) {\n      id toolId version action actor createdAt\n      changes { field before after }\n    }\n  }\n"): typeof import('./graphql').ConsoleToolRevisionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleUpdateTool($id: ID!, $version: Int!, $input: UpdateToolInput!) {\n    updateTool(id: $id, version: $version, input: $input) { ...ToolFull }\n  }\n"): typeof import('./graphql').ConsoleUpdateToolDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleCreateTool($input: CreateToolInput!) {\n    createTool(input: $input) { ...ToolFull }\n  }\n"): typeof import('./graphql').ConsoleCreateToolDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleDeleteTool($id: ID!, $version: Int!) {\n    deleteTool(id: $id, version: $version) { id deleted }\n  }\n"): typeof import('./graphql').ConsoleDeleteToolDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ApiKeyFields on ApiKey { id name role prefix createdAt lastUsedAt revokedAt }\n"): typeof import('./graphql').ApiKeyFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleApiKeys {\n    apiKeys { ...ApiKeyFields }\n  }\n"): typeof import('./graphql').ConsoleApiKeysDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleCreateApiKey($name: String!, $role: ApiRole!) {\n    createApiKey(name: $name, role: $role) {\n      key\n      apiKey { ...ApiKeyFields }\n    }\n  }\n"): typeof import('./graphql').ConsoleCreateApiKeyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) { ...ApiKeyFields }\n  }\n"): typeof import('./graphql').ConsoleRevokeApiKeyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleViewer { viewer { id name role } }\n"): typeof import('./graphql').ConsoleViewerDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
