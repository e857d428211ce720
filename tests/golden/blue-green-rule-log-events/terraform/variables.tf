variable "region" {
  description = "AWS Region of the deployments, the rule and the topic"
  type        = string
  default     = "us-east-1"

  validation {
    condition     = can(regex("^[a-z0-9-]{9,30}$", var.region))
    error_message = "The value of region must match ^[a-z0-9-]{9,30}$."
  }
}

variable "sns_topic_arn" {
  description = "ARN of the existing SNS topic"
  type        = string

  validation {
    condition     = can(regex("^arn:[A-Za-z0-9:/_.+=@-]{1,1160}$", var.sns_topic_arn))
    error_message = "The value of sns_topic_arn must match ^arn:[A-Za-z0-9:/_.+=@-]{1,1160}$."
  }
}

variable "codedeploy_deployment_group" {
  description = "CodeDeploy deployment group whose deployments the rule matches"
  type        = string
  default     = "my-service-dg-bluegreen"

  validation {
    condition     = can(regex("^[A-Za-z0-9_.+=,@-]{1,100}$", var.codedeploy_deployment_group))
    error_message = "The value of codedeploy_deployment_group must match ^[A-Za-z0-9_.+=,@-]{1,100}$."
  }
}

variable "param_green_url" {
  description = "Notification parameter greenUrl (spliced into the input template)"
  type        = string
  default     = "https://green.example.com"

  validation {
    condition     = can(regex("^[^\"\\\\<>\\x00-\\x1f\\x7f]*$", var.param_green_url))
    error_message = "The value of param_green_url must not contain quotes, backslashes, angle brackets or control characters."
  }
}
