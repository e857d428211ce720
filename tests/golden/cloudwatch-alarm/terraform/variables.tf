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
  default     = "chatops-alarms"

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,256}$", var.sns_topic_name))
    error_message = "The value of sns_topic_name must match ^[A-Za-z0-9_-]{1,256}$."
  }
}

variable "slack_workspace_id" {
  description = "Slack workspace (team) id, already authorized in the Amazon Q Developer console"
  type        = string
  default     = "T0123ABCDEF"

  validation {
    condition     = can(regex("^[0-9A-Z]{1,255}$", var.slack_workspace_id))
    error_message = "The value of slack_workspace_id must match ^[0-9A-Z]{1,255}$."
  }
}

variable "slack_channel_id" {
  description = "Slack channel id (the end of the channel's copied link)"
  type        = string
  default     = "C0123ABCDEF"

  validation {
    condition     = can(regex("^[A-Za-z0-9]{1,255}$", var.slack_channel_id))
    error_message = "The value of slack_channel_id must match ^[A-Za-z0-9]{1,255}$."
  }
}

variable "channel_configuration_name" {
  description = "Name of the Slack channel configuration"
  type        = string
  default     = "chatops-alarms"

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,128}$", var.channel_configuration_name))
    error_message = "The value of channel_configuration_name must match ^[A-Za-z0-9_-]{1,128}$."
  }
}

variable "cloudwatch_alarm" {
  description = "CloudWatch alarm whose state changes the rule matches and the buttons act on"
  type        = string
  default     = "ServerCpuTooHigh"

  validation {
    condition     = can(regex("^[A-Za-z0-9 _.,:/+=@#()-]{1,255}$", var.cloudwatch_alarm))
    error_message = "The value of cloudwatch_alarm must match ^[A-Za-z0-9 _.,:/+=@#()-]{1,255}$."
  }
}
