/**
 * The versions' layers over a column's drawn value, innermost first: each
 * version from 18 on may replace the generator of a column it reads (a
 * value that agrees with others of its row), else passes the one beneath.
 */
import { withPackageBuild } from './package-builds.js';
import type { SemanticBuild, SemanticGenerator } from './semantic-generator.js';
import type { SemanticKind } from './semantic-kind.js';
import { withVersionEighteen } from './version-eighteen-values.js';
import { withVersionNineteen } from './version-nineteen-values.js';
import { withVersionThirty } from './version-thirty-values.js';
import { withVersionThirtyOne } from './version-thirtyone-values.js';
import { withVersionThirtyTwo } from './version-thirtytwo-values.js';
import { withVersionTwentyEight } from './version-twentyeight-values.js';
import { withVersionTwentyFive } from './version-twentyfive-values.js';
import { withVersionTwentyFour } from './version-twentyfour-values.js';
import { withVersionTwentyNine } from './version-twentynine-values.js';
import { withVersionTwentySeven } from './version-twentyseven-values.js';
import { withVersionTwentySix } from './version-twentysix-values.js';
import { withVersionTwentyThree } from './version-twentythree-values.js';
import { withVersionTwentyTwo } from './version-twentytwo-values.js';

/** `drawn` (the kind's generator) under the layers of versions 18 to 32 that apply to the column. */
export function withVersionLayers(
  build: SemanticBuild,
  kind: SemanticKind,
  drawn: SemanticGenerator,
): SemanticGenerator {
  // Version 18: values of a row that agree with each other (version-eighteen-values.ts).
  // Version 19: signed balances, nationalities, a package's architecture and release (version-nineteen-values.ts).
  // Version 21: a package build's nvr and name, a digest's hex digits (package-builds.ts).
  // Version 22: measures, seats, credits, a card's digits, expected times; money that adds up (version-twentytwo-values.ts).
  // Version 23: scores within their task's most points (version-twentythree-values.ts).
  // Version 24: a sensor's unit and readings by its quantity, a device's model (version-twentyfour-values.ts).
  // Version 25: people, vocabularies, check digits, prose and homes by their names (version-twentyfive-values.ts).
  // Version 26: cars by their age, mailings, listings' headlines, statements' lines (version-twentysix-values.ts).
  // Version 27: a mailing's sent by its status, days on the market, a car's year by its model (version-twentyseven-values.ts).
  // Version 28: a doctor's specialty, a patient's insurer (version-twentyeight-values.ts).
  // Version 29: a home listing's dates by its status (version-twentynine-values.ts).
  // Version 30: a parent's count of its children, a post's votes (version-thirty-values.ts).
  // Version 31: a domain's words, story points, stars, a review's score, a commission (version-thirtyone-values.ts).
  // Version 32: a share who recommend, a rating out of ten, a net promoter answer (version-thirtytwo-values.ts).
  return withVersionThirtyTwo(
    build,
    kind,
    withVersionThirtyOne(build, kind, withVersionThirty(build, kind, versionsTo29(build, kind, drawn))),
  );
}

/** `drawn` under the layers of versions 18 to 29. */
function versionsTo29(build: SemanticBuild, kind: SemanticKind, drawn: SemanticGenerator): SemanticGenerator {
  return withVersionTwentyNine(
    build,
    kind,
    withVersionTwentyEight(
      build,
      kind,
      withVersionTwentySeven(
        build,
        kind,
        withVersionTwentySix(
          build,
          kind,
          withVersionTwentyFive(
            build,
            kind,
            withVersionTwentyFour(
              build,
              kind,
              withVersionTwentyThree(
                build,
                kind,
                withVersionTwentyTwo(
                  build,
                  kind,
                  withPackageBuild(
                    build,
                    kind,
                    withVersionNineteen(build, kind, withVersionEighteen(build, kind, drawn)),
                  ),
                ),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}
