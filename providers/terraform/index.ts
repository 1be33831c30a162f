// The built-in provider terraform.io/builtin/terraform (terraform_data).
export { TerraformProvider, terraformProviderSource, type TerraformProviderOptions } from "./provider.js";
export { dataResourceSchema, dataResourceTypeName } from "./data-resource.js";
