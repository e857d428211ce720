output "sns_topic_arn" {
  description = "The topic the rule publishes to"
  value       = aws_sns_topic.chatops.arn
}

output "event_rule_arn" {
  description = "The EventBridge rule"
  value       = aws_cloudwatch_event_rule.chatops.arn
}

output "channel_role_arn" {
  description = "The role channel members' commands run with"
  value       = aws_iam_role.channel.arn
}

output "channel_configuration_arn" {
  description = "The Slack channel configuration"
  value       = awscc_chatbot_slack_channel_configuration.channel.arn
}

output "custom_action_arns" {
  description = "Custom action ARNs by action name"
  value = {
    EventDetails     = awscc_chatbot_custom_action.event_details.custom_action_arn
    AffectedEntities = awscc_chatbot_custom_action.affected_entities.custom_action_arn
  }
}
