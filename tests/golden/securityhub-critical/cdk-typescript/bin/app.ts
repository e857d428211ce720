#!/usr/bin/env node
import * as cdk from "aws-cdk-lib";
import { ChatOpsStack } from "../lib/security-hub-new-critical-findings-marked-stack";

const app = new cdk.App();
new ChatOpsStack(app, "security-hub-new-critical-findings-marked");
app.synth();
