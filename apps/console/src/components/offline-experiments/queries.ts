// GraphQL documents of the Offline experiments page (apps/api/src/schema/experiments-offline.graphql).
// Types are generated from the schema (`npm run codegen`, apps/console/src/gql/).

import { graphql } from "@/gql";
import type { OfflineExperimentFieldsFragment, OfflineExperimentSummaryFragment } from "@/gql/graphql";

export type OfflineExperimentSummaryView = OfflineExperimentSummaryFragment;
export type OfflineExperimentView = OfflineExperimentFieldsFragment;
export type OfflineRowView = NonNullable<OfflineExperimentView["rows"]>[number];

/** What the list shows (no table: a page of tables would cost more than the API allows). */
export const OFFLINE_EXPERIMENT_SUMMARY = graphql(`
  fragment OfflineExperimentSummary on OfflineExperiment {
    id name seed impressions k status progress error durationMs createdBy createdAt finishedAt
    userModel { users zipfExponent clickRateMedian clickRateSigma toolPreference relevanceSameCategory relevanceOther }
    arms { modelVersionId name kind isControl }
  }
`);

export const OFFLINE_EXPERIMENT_FIELDS = graphql(`
  fragment OfflineExperimentFields on OfflineExperiment {
    ...OfflineExperimentSummary
    rows {
      arm { modelVersionId name kind }
      isControl impressions fallbacks
      ctr { ...AbRateFields }
      toolInvokingCtr { ...AbRateFields }
      clicksPerExposedSuggestion { ...AbRateFields }
      toolInvokingExposedShare { ...AbRateFields }
    }
  }
`);

export const OFFLINE_EXPERIMENTS_QUERY = graphql(`
  query OfflineExperiments {
    offlineExperiments(first: 50) { ...OfflineExperimentSummary }
    modelVersions { id name kind isDefault }
  }
`);

export const OFFLINE_EXPERIMENT_QUERY = graphql(`
  query OfflineExperiment($id: ID!) {
    offlineExperiment(id: $id) { ...OfflineExperimentFields }
  }
`);

export const START_OFFLINE_EXPERIMENT_MUTATION = graphql(`
  mutation StartOfflineExperiment($input: StartOfflineExperimentInput!) {
    startOfflineExperiment(input: $input) { id status }
  }
`);

export const DELETE_OFFLINE_EXPERIMENT_MUTATION = graphql(`
  mutation DeleteOfflineExperiment($id: ID!) { deleteOfflineExperiment(id: $id) }
`);
