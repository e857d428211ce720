output "channel_role_arn" {
  description = "The role channel members' commands run with"
  value       = aws_iam_role.channel.arn
}

output "channel_configuration_arn" {
  description = "The Slack channel configuration"
  value       = awscc_chatbot_slack_channel_configuration.channel.arn
}
