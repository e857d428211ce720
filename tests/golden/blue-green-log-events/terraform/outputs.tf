output "sns_topic_arn" {
  description = "The topic the rule publishes to"
  value       = aws_sns_topic.chatops.arn
}

output "event_rule_arn" {
  description = "The EventBridge rule"
  value       = aws_cloudwatch_event_rule.chatops.arn
}

output "events_log_group_name" {
  description = "The log group of matched events (replay them with chatops replay)"
  value       = aws_cloudwatch_log_group.events.name
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
    SwitchTasks        = awscc_chatbot_custom_action.switch_tasks.custom_action_arn
    RollbackDeployment = awscc_chatbot_custom_action.rollback_deployment.custom_action_arn
    TerminateOldTask   = awscc_chatbot_custom_action.terminate_old_task.custom_action_arn
  }
}
