// Contract operations whose feature has not landed yet. They exist in the schema (the
// contract is stable) and answer with a clear NOT_IMPLEMENTED error naming the issue.
import { GraphQLError } from "graphql";

const pending = (what: string, issue: string) => () => {
  throw new GraphQLError(`${what} is not available yet (tracked in ${issue})`, { extensions: { code: "NOT_IMPLEMENTED" } });
};

export const pendingResolvers = {
  Query: {
    suggestions: pending("suggestions", "the suggestion-serving issue"),
  },
  Mutation: {
    recordClick: pending("recordClick", "the suggestion-serving issue"),
  },
};
