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
    AlarmHistory       = awscc_chatbot_custom_action.alarm_history.custom_action_arn
    MuteAlarmActions   = awscc_chatbot_custom_action.mute_alarm_actions.custom_action_arn
    UnmuteAlarmActions = awscc_chatbot_custom_action.unmute_alarm_actions.custom_action_arn
  }
}
