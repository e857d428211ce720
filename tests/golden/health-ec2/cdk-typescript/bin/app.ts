#!/usr/bin/env node
import * as cdk from "aws-cdk-lib";
import { ChatOpsStack } from "../lib/aws-health-a-service-s-issues-stack";

const app = new cdk.App();
new ChatOpsStack(app, "aws-health-a-service-s-issues");
app.synth();
