// The warnings of a plan made with -target or -exclude, worded as Terraform's.

import { warningDiag, type Diagnostic } from "../../lang/diagnostics.js";

export const targetingWarning = (): Diagnostic =>
  warningDiag(
    "Resource targeting is in effect",
    "You are creating a plan with the -target option, which means that the result of this plan may not represent all of the changes requested by the current configuration.\n\nThe -target option is not for routine use, and is provided only for exceptional situations such as recovering from errors or mistakes, or when Cairn specifically suggests to use it as part of an error message.",
  );

export const excludeWarning = (): Diagnostic =>
  warningDiag(
    "Resource exclusion is in effect",
    "You are creating a plan with the -exclude option, which means that the result of this plan may not represent all of the changes requested by the current configuration.\n\nThe -exclude option is not for routine use, and is provided only for exceptional situations such as recovering from errors or mistakes, or when Cairn specifically suggests to use it as part of an error message.",
  );
