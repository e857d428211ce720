variable "region" {
  description = "AWS Region of the deployments, the rule and the topic"
  type        = string
  default     = "us-east-1"

  validation {
    condition     = can(regex("^[a-z0-9-]{9,30}$", var.region))
    error_message = "The value of region must match ^[a-z0-9-]{9,30}$."
  }
}

variable "chatbot_region" {
  description = "Region for the Amazon Q Developer (Chatbot) API: us-east-2, us-west-2, eu-west-1 or ap-southeast-1"
  type        = string
  default     = "us-east-2"

  validation {
    condition     = can(regex("^[a-z0-9-]{9,30}$", var.chatbot_region))
    error_message = "The value of chatbot_region must match ^[a-z0-9-]{9,30}$."
  }
}

variable "sns_topic_name" {
  description = "Name of the SNS topic the rule publishes to and the channel subscribes to"
  type        = string
  default     = "chatops-codedeploy"

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,256}$", var.sns_topic_name))
    error_message = "The value of sns_topic_name must match ^[A-Za-z0-9_-]{1,256}$."
  }
}

variable "teams_team_id" {
  description = "Microsoft Teams team id (a GUID), already authorized in the Amazon Q Developer console"
  type        = string
  default     = "8f5a2c1e-1234-4c3b-9a6d-0123456789ab"

  validation {
    condition     = can(regex("^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$", var.teams_team_id))
    error_message = "The value of teams_team_id must match ^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$."
  }
}

variable "teams_channel_id" {
  description = "Microsoft Teams channel id, URL-encoded as Teams copies it (19%3a...%40thread.tacv2)"
  type        = string
  default     = "19%3ab6ef35dc342d56ba5654e6fc6d25a071%40thread.tacv2"

  validation {
    condition     = can(regex("^[A-Za-z0-9_=+/.,-]*%3[aA][A-Za-z0-9_=+/.,-]*%40[A-Za-z0-9_=+/.,-]*$", var.teams_channel_id))
    error_message = "The value of teams_channel_id must match ^[A-Za-z0-9_=+/.,-]*%3[aA][A-Za-z0-9_=+/.,-]*%40[A-Za-z0-9_=+/.,-]*$."
  }
}

variable "teams_tenant_id" {
  description = "Microsoft Teams tenant id (a GUID), shown in the Amazon Q Developer console"
  type        = string
  default     = "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f"

  validation {
    condition     = can(regex("^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$", var.teams_tenant_id))
    error_message = "The value of teams_tenant_id must match ^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$."
  }
}

variable "channel_configuration_name" {
  description = "Name of the Microsoft Teams channel configuration"
  type        = string
  default     = "chatops-deployments"

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,128}$", var.channel_configuration_name))
    error_message = "The value of channel_configuration_name must match ^[A-Za-z0-9_-]{1,128}$."
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
